package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.Target;
import dev.notify.internal.template.TemplateRenderer;
import dev.notify.policy.Limits;
import dev.notify.spi.Channel;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code send} checks before anything is stored, and the expansion of a notification to
 * deliveries (one per channel × direct address).
 */
final class Planner {
  private final Map<String, Channel> channels;
  private final Map<ChannelType, String> defaults;
  private final Limits limits;

  private final @Nullable TemplateRenderer templates;
  private final boolean hasDirectory;

  /**
   * One delivery to create: a direct address on a channel, or a user or group placeholder on
   * {@link DeliveryRecord#RESOLVE_CHANNEL}.
   */
  record Planned(String channel, Recipient address) {
  }

  Planner(Map<String, Channel> channels, Map<ChannelType, String> defaults, Limits limits,
      @Nullable TemplateRenderer templates, boolean hasDirectory) {
    this.channels = channels;
    this.defaults = defaults;
    this.limits = limits;
    this.templates = templates;
    this.hasDirectory = hasDirectory;
  }

  /**
   * The checks that come before the payload hash, which reads all of the notification: names and
   * sizes.
   *
   * @throws InvalidNotificationException naming the field and the rule
   */
  void precheck(Notification n) {
    Inputs.checkNames(n);
    Sizes.check(n, limits);
  }

  /** @throws InvalidNotificationException naming the field and the rule */
  List<Planned> plan(Notification n, Instant now) {
    Storable.check(n);
    List<Target> targets = resolveTargets(n.targets());
    if (n.recipients().isEmpty()) {
      throw new InvalidNotificationException("recipients", "must name at least one recipient");
    }
    if (n.content().isEmpty() && n.template().isEmpty()) {
      throw new InvalidNotificationException("content",
          "must have a title, body, data, subject, text or html, or a template");
    }
    if (n.template().isPresent() && templates == null) {
      throw new InvalidNotificationException("template",
          "needs a TemplateStore, and none is configured; add one with templates(...)");
    }
    checkTimes(n, now, limits.maxScheduleAhead());

    Set<Planned> planned = new LinkedHashSet<>();
    boolean[] targetUsed = new boolean[targets.size()];
    boolean resolvedLater = false;
    Set<ChannelType> targetTypes = new java.util.LinkedHashSet<>();
    for (Target t : targets) {
      if (t instanceof Target.Named) {
        targetTypes.add(((Target.Named) t).type());
      } else if (t instanceof Target.OfType) {
        targetTypes.add(((Target.OfType) t).type());
      } else {
        defaults.keySet().stream().filter(t::reaches).forEach(targetTypes::add);
      }
    }
    if (n.template().isPresent()) {
      boolean anyUser = false;
      for (Recipient r : n.recipients()) {
        if (r instanceof Recipient.Address) {
          if (targets.isEmpty()) {
            targetTypes.add(((Recipient.Address) r).type());
          }
        } else {
          anyUser = true;
        }
      }
      // A user's channels are known only at dispatch: without targets, check every part.
      templates.validate(n.template().get(),
          anyUser && targets.isEmpty() ? Set.of() : targetTypes);
    }
    for (int i = 0; i < n.recipients().size(); i++) {
      Recipient r = n.recipients().get(i);
      String field = "recipients[" + i + "]";
      if (!(r instanceof Recipient.Address)) {
        if (!hasDirectory) {
          throw new InvalidNotificationException(field, r.key().split(":")[0]
              + " recipients need a RecipientDirectory, and none is configured; send to direct"
              + " addresses or configure one with recipientDirectory(...)");
        }
        planned.add(new Planned(DeliveryRecord.RESOLVE_CHANNEL, r));
        resolvedLater = true;
        continue;
      }
      Recipient.Address address = (Recipient.Address) r;
      List<String> reached = new ArrayList<>();
      if (targets.isEmpty()) {
        String name = defaults.get(address.type());
        if (name == null) {
          throw new InvalidNotificationException(field, "no channel of type " + address.type()
              + " is configured; configured channels: " + channels.keySet());
        }
        reached.add(name);
      } else {
        for (int t = 0; t < targets.size(); t++) {
          String name = channelFor(targets.get(t), address.type());
          if (name != null) {
            reached.add(name);
            targetUsed[t] = true;
          }
        }
        if (reached.isEmpty()) {
          throw new InvalidNotificationException(field, "a " + address.type()
              + " address is not reachable through the targets " + targets);
        }
      }
      for (String name : reached) {
        Planned p = new Planned(name, address);
        if (planned.add(p)) {
          validate(channels.get(name), n, address, field);
        }
      }
    }
    for (int t = 0; t < targets.size() && !resolvedLater; t++) {
      if (!targetUsed[t]) {
        throw new InvalidNotificationException("targets[" + t + "]",
            targets.get(t) + " reaches none of the recipients");
      }
    }
    return List.copyOf(planned);
  }

  private List<Target> resolveTargets(List<Target> given) {
    List<Target> resolved = new ArrayList<>(given.size());
    for (int t = 0; t < given.size(); t++) {
      Target target = given.get(t);
      String field = "targets[" + t + "]";
      if (target instanceof Target.Named) {
        Channel ch = channels.get(((Target.Named) target).name());
        if (ch == null) {
          throw new InvalidNotificationException(field, "unknown channel '"
              + ((Target.Named) target).name() + "'; configured channels: " + channels.keySet());
        }
        resolved.add(new Target.Named(ch.name(), ch.type()));
      } else if (target instanceof Target.OfType) {
        ChannelType type = ((Target.OfType) target).type();
        if (!defaults.containsKey(type)) {
          throw new InvalidNotificationException(field, "no channel of type " + type
              + " is configured; configured channels: " + channels.keySet());
        }
        resolved.add(target);
      } else {
        String family = ((Target.OfFamily) target).family();
        if (defaults.keySet().stream().noneMatch(type -> type.family().equals(family))) {
          throw new InvalidNotificationException(field, "no channel of the " + family
              + " family is configured; configured channels: " + channels.keySet());
        }
        resolved.add(target);
      }
    }
    return resolved;
  }

  private @Nullable String channelFor(Target target, ChannelType addressType) {
    if (!target.reaches(addressType)) {
      return null;
    }
    return target instanceof Target.Named ? ((Target.Named) target).name()
        : defaults.get(addressType);
  }

  private static void checkTimes(Notification n, Instant now, Duration horizon) {
    Instant latest = now.plus(horizon);
    if (n.sendAt().isPresent()) {
      Instant sendAt = n.sendAt().get();
      if (sendAt.isAfter(latest)) {
        throw new InvalidNotificationException("sendAt", "must be at most " + horizon
            + " after now (Limits.maxScheduleAhead; sendAt=" + sendAt + ", now=" + now + ")");
      }
      if (sendAt.isBefore(now.minus(horizon))) {
        throw new InvalidNotificationException("sendAt", "must be at most " + horizon
            + " before now (Limits.maxScheduleAhead; a past sendAt means now; sendAt=" + sendAt
            + ", now=" + now + ")");
      }
    }
    if (n.expiresAt().isPresent()) {
      if (n.expiresAt().get().isAfter(latest)) {
        throw new InvalidNotificationException("expiresAt", "must be at most " + horizon
            + " after now (Limits.maxScheduleAhead; expiresAt=" + n.expiresAt().get() + ", now="
            + now + ")");
      }
      Instant expires = n.expiresAt().get();
      if (!expires.isAfter(now)) {
        throw new InvalidNotificationException("expiresAt",
            "is not in the future (expiresAt=" + expires + ", now=" + now + ")");
      }
      if (n.sendAt().isPresent() && !expires.isAfter(n.sendAt().get())) {
        throw new InvalidNotificationException("expiresAt", "must be after sendAt (sendAt="
            + n.sendAt().get() + ", expiresAt=" + expires + ")");
      }
    }
  }

  private void validate(Channel channel, Notification n, Recipient.Address address,
      String field) {
    Content content = n.content();
    if (n.template().isPresent()) {
      try {
        content = templates.render(n.template().get(), channel.type(), null);
      } catch (TemplateException e) {
        throw e.toInvalidNotification();
      }
    }
    OutboundMessage m = new OutboundMessage(n.id(), address, content, n.priority(),
        n.category().orElse(null), n.expiresAt().orElse(null), n.options(), n.metadata());
    try {
      channel.validate(m);
    } catch (InvalidNotificationException e) {
      String f = e.field().startsWith("address") ? field + e.field().substring("address".length())
          : e.field();
      throw new InvalidNotificationException(f, "(channel '" + channel.name() + "') " + e.rule());
    }
  }
}
