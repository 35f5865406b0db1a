package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.Target;
import dev.notify.event.EventType;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.Channel;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.status.DeliveryState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves placeholder deliveries at dispatch. A user becomes one delivery per address of each
 * target channel (the user's default channels when the notification names none, or every channel
 * the user has an address for when the user has no defaults); they replace the placeholder in the
 * log, unclaimed, and lanes claim them as they have room. A group fans out, one page of members at
 * a time, to one notification per member with the derived id {@code <id>:<user id>}
 * ({@link Inputs#memberId}): re-sending a broadcast, or resuming one after a crash, notifies nobody
 * twice. A member whose user id breaks the rules of {@link Inputs} is skipped and counted.
 */
final class Resolver {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);
  private static final int PAGE_SIZE = 1_000;

  private final RecipientDirectory directory;
  private final Map<String, Channel> channels;
  private final Map<ChannelType, String> defaults;
  private final NotificationLog log;
  private final Memory memory;
  private final Listeners listeners;
  private final Outcomes outcomes;
  private final Outcomes.Wakeups wakeups;
  private final Acceptor acceptor;
  private final Clock clock;
  private final ExecutorService fanOut;

  Resolver(RecipientDirectory directory, EngineConfig config, Memory memory, Listeners listeners,
      Outcomes outcomes, Outcomes.Wakeups wakeups, Acceptor acceptor, ExecutorService fanOut) {
    this.directory = directory;
    this.channels = config.channels();
    this.defaults = config.defaultChannels();
    this.log = config.log();
    this.memory = memory;
    this.listeners = listeners;
    this.outcomes = outcomes;
    this.wakeups = wakeups;
    this.acceptor = acceptor;
    this.clock = config.clock();
    this.fanOut = fanOut;
  }

  void resolve(WorkItem placeholder) {
    if (placeholder.address() instanceof Recipient.User) {
      expandUser(placeholder, ((Recipient.User) placeholder.address()).id());
    } else {
      String group = ((Recipient.Group) placeholder.address()).id();
      fanOut.execute(() -> fanOutGroup(placeholder, group));
    }
  }

  private void expandUser(WorkItem placeholder, String userId) {
    Optional<UserProfile> profile = directory.findUser(userId);
    if (profile.isEmpty()) {
      outcomes.endPlaceholder(placeholder, DeliveryState.FAILED,
          "unknown user '" + userId + "' (not in the recipient directory)");
      return;
    }
    Notification n = placeholder.notification();
    Instant now = clock.instant();
    List<DeliveryRecord> replacements = new ArrayList<>();
    Set<ChannelType> wanted = wantedTypes(n, profile.get());
    for (ChannelType type : wanted) {
      String channel = channelFor(n, type);
      if (channel == null) {
        continue;
      }
      for (Recipient.Address address : profile.get().addresses(type)) {
        replacements.add(DeliveryRecord.create(placeholder.deliveryId() + "." + (replacements.size()
            + 1), n.id(), channel, address, userId, n.priority(), DeliveryState.QUEUED, now, null,
            now));
      }
    }
    if (replacements.isEmpty()) {
      outcomes.endPlaceholder(placeholder, DeliveryState.FAILED, "user '" + userId
          + "' has no address for the channels " + wanted + " (configured: " + channels.keySet()
          + ")");
      return;
    }
    if (!log.expand(placeholder.deliveryId(), placeholder.fence(), replacements)) {
      memory.leave(placeholder);
      return;
    }
    memory.markBacklog();
    memory.leave(placeholder);
    for (DeliveryRecord d : replacements) {
      listeners.delivery(EventType.QUEUED, WorkItemView.of(d), 0, null, null);
    }
    wakeups.now();
  }

  private Set<ChannelType> wantedTypes(Notification n, UserProfile profile) {
    Set<ChannelType> types = new LinkedHashSet<>();
    if (!n.targets().isEmpty()) {
      for (ChannelType type : defaults.keySet()) {
        if (n.targets().stream().anyMatch(t -> reaches(t, type))) {
          types.add(type);
        }
      }
      return types;
    }
    if (!profile.defaultChannels().isEmpty()) {
      types.addAll(profile.defaultChannels());
      return types;
    }
    for (Recipient.Address a : profile.addresses()) {
      types.add(a.type());
    }
    return types;
  }

  private boolean reaches(Target t, ChannelType type) {
    if (t instanceof Target.Named) {
      Channel ch = channels.get(((Target.Named) t).name());
      return ch != null && ch.type().equals(type);
    }
    return t.reaches(type);
  }

  private @Nullable String channelFor(Notification n, ChannelType type) {
    for (Target t : n.targets()) {
      if (t instanceof Target.Named && reaches(t, type)) {
        return ((Target.Named) t).name();
      }
    }
    return defaults.get(type);
  }

  /**
   * Walks the group a page at a time and appends one notification per member, a page per log
   * call. When the directory or the log fails part-way, the placeholder goes back to the log and
   * the walk starts again later; members already appended are found by their derived ids and
   * not notified twice.
   */
  private void fanOutGroup(WorkItem placeholder, String groupId) {
    try {
      Optional<Iterator<String>> members = directory.groupMembers(groupId, PAGE_SIZE);
      if (members.isEmpty()) {
        outcomes.endPlaceholder(placeholder, DeliveryState.FAILED,
            "unknown group '" + groupId + "' (not in the recipient directory)");
        return;
      }
      Notification parent = placeholder.notification();
      int count = 0;
      int fresh = 0;
      int skipped = 0;
      List<Notification> page = new ArrayList<>();
      Iterator<String> it = members.get();
      while (it.hasNext()) {
        if (placeholder.hasLeft()) {
          return; // cancelled or taken over: whoever holds it now finishes (ids are derived)
        }
        String userId = it.next();
        String problem = Inputs.memberProblem(userId);
        if (problem != null) {
          // Not a member id we can store or look up: skipped, counted and told, never retried.
          skipped++;
          LOG.warn("a member of group {} for {} is not notified: {}", groupId,
              placeholder.notificationId(), problem);
          continue;
        }
        page.add(parent.toBuilder().id(Inputs.memberId(parent.id(), userId))
            .recipients(List.of(Recipient.user(userId))).build());
        count++;
        if (page.size() == PAGE_SIZE) {
          fresh += acceptor.appendMembers(page, parent.id());
          page.clear();
          wakeLanes(); // members start going out while the fan-out goes on
        }
      }
      if (!page.isEmpty()) {
        fresh += acceptor.appendMembers(page, parent.id());
      }
      outcomes.endPlaceholder(placeholder, DeliveryState.SENT, "fanned out to " + count
          + " members (" + (count - fresh) + " already notified)" + (skipped == 0 ? ""
          : "; " + skipped + " members skipped: their user ids break the id rules (see the log)"));
      wakeLanes();
    } catch (RuntimeException e) {
      LOG.error("fan-out of group {} for {} failed; it goes back to the log and resumes later",
          groupId, placeholder.notificationId(), e);
      outcomes.retryLater(placeholder, "fan-out failed (" + e.getClass().getSimpleName() + ")");
      wakeLanes();
    }
  }

  private void wakeLanes() {
    memory.markBacklog();
    wakeups.now();
  }
}
