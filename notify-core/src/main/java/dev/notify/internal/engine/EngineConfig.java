package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.event.NotificationListener;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.Limits;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.Channel;
import dev.notify.spi.Scheduler;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.store.PreferenceStore;
import dev.notify.spi.store.RateLimitStore;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.spi.store.TemplateEngine;
import dev.notify.spi.store.TemplateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Everything the builder collected, checked and with defaults applied.
 *
 * @param channels the channels by name
 * @param defaultChannels the default channel's name per channel type
 * @param log where notifications are kept
 * @param ownsLog whether the client created the log and so closes it
 * @param dispatchers the number of dispatcher threads
 * @param laneDefaults the lane size of channels without their own
 * @param laneOptions lane sizes by channel name
 * @param capacity the most deliveries held in memory
 * @param backpressure what {@code send} does when memory is full
 * @param retryPolicy the retry policy of channels without their own
 * @param retryPolicies retry policies by channel name
 * @param idempotencyWindow how long a sent id is remembered for deduplication
 * @param idempotencyCacheSize ids remembered in memory
 * @param maxPendingReceipts receipt futures pending at once, at most
 * @param retention how long finished notifications stay in the log
 * @param lease how long a claim lasts without renewal
 * @param pollInterval how often the log is polled for due and orphaned work
 * @param limits the size and time limits {@code send} checks
 * @param clock the time source
 * @param scheduler runs delayed work
 * @param threadFactory makes the client's threads
 * @param listeners called on every state change
 * @param instanceId this instance's owner id in the log
 * @param policy the optional policies between acceptance and the lanes
 */
public record EngineConfig(
    Map<String, Channel> channels,
    Map<ChannelType, String> defaultChannels,
    NotificationLog log,
    boolean ownsLog,
    int dispatchers,
    LaneOptions laneDefaults,
    Map<String, LaneOptions> laneOptions,
    int capacity,
    Backpressure backpressure,
    RetryPolicy retryPolicy,
    Map<String, RetryPolicy> retryPolicies,
    Duration idempotencyWindow,
    int idempotencyCacheSize,
    int maxPendingReceipts,
    Duration retention,
    Duration lease,
    Duration pollInterval,
    Limits limits,
    Clock clock,
    @Nullable Scheduler scheduler,
    ThreadFactory threadFactory,
    List<NotificationListener> listeners,
    String instanceId,
    Policy policy) {

  /**
   * The optional policies between acceptance and the lanes (each may be null: not configured).
   *
   * @param directory resolves users and groups (already cached)
   * @param preferences opt-outs and quiet hours
   * @param preferencePolicy critical categories and quiet-hour bypass
   * @param templates where templates come from
   * @param templateEngine renders them
   * @param rateLimits per-recipient limits
   * @param rateLimitStore where buckets live
   * @param throughput per-channel provider pacing
   */
  public record Policy(@Nullable RecipientDirectory directory,
      @Nullable PreferenceStore preferences, @Nullable PreferencePolicy preferencePolicy,
      @Nullable TemplateStore templates, @Nullable TemplateEngine templateEngine,
      @Nullable RateLimits rateLimits, @Nullable RateLimitStore rateLimitStore,
      Map<String, RateLimit> throughput) {
  }

  /**
   * Checks the combinations of what the builder collected, applies the remaining defaults and
   * freezes it. Every message says how to fix the problem.
   *
   * @param s the builder's settings, each already checked on its own
   * @return the configuration to start an engine with
   * @throws IllegalStateException when the combination is inconsistent
   */
  public static EngineConfig from(Settings s) {
    Map<String, Channel> all = new LinkedHashMap<>(s.discovered);
    all.putAll(s.channels);
    if (all.isEmpty()) {
      throw new IllegalStateException("no channel is configured; add one with channel(...) or"
          + " discoverChannels(properties)");
    }
    Map<ChannelType, String> defaults = resolveDefaults(all, s.defaultChannels);
    for (String name : s.laneOptions.keySet()) {
      requireKnown(all, name, "lane");
    }
    for (String name : s.retryPolicies.keySet()) {
      requireKnown(all, name, "retryPolicy");
    }
    for (String name : s.throughput.keySet()) {
      requireKnown(all, name, "throughput");
    }
    Duration retention = s.retention != null ? s.retention : s.idempotencyWindow.multipliedBy(2);
    if (retention.compareTo(s.idempotencyWindow) < 0) {
      throw new IllegalStateException("retention " + retention
          + " is shorter than the idempotency window " + s.idempotencyWindow
          + "; deduplication needs the log to keep records at least as long: raise retention");
    }
    if (s.scheduler != null && s.clock == null) {
      throw new IllegalStateException("a custom scheduler needs the clock it runs on: also call"
          + " clock(...)");
    }
    if (s.pollInterval.compareTo(s.lease) >= 0) {
      throw new IllegalStateException("pollInterval " + s.pollInterval + " must be shorter than"
          + " the lease " + s.lease);
    }
    boolean ownsLog = s.log == null;
    Clock clock = s.clock != null ? s.clock : Clock.systemUTC();
    return new EngineConfig(Collections.unmodifiableMap(all),
        Collections.unmodifiableMap(defaults),
        ownsLog ? InMemoryNotificationLog.builder().clock(clock)
            .rememberEvictedIdsFor(s.idempotencyWindow).build() : s.log, ownsLog,
        s.dispatchers, s.laneDefaults, Map.copyOf(s.laneOptions), s.capacity, s.backpressure,
        s.retryPolicy, Map.copyOf(s.retryPolicies), s.idempotencyWindow, s.idempotencyCacheSize,
        s.maxPendingReceipts, retention, s.lease, s.pollInterval, s.limits, clock,
        s.scheduler, s.threadFactory, List.copyOf(s.listeners),
        s.instanceId != null ? s.instanceId : UUID.randomUUID().toString(),
        new Policy(s.directory, s.preferences, s.preferencePolicy, s.templates, s.templateEngine,
            s.rateLimits, s.rateLimitStore, Map.copyOf(s.throughput)));
  }

  private static Map<ChannelType, String> resolveDefaults(Map<String, Channel> all,
      Map<ChannelType, String> chosen) {
    Map<ChannelType, List<String>> byType = new LinkedHashMap<>();
    all.forEach((name, ch) -> byType.computeIfAbsent(ch.type(), t -> new ArrayList<>()).add(name));
    Map<ChannelType, String> result = new LinkedHashMap<>();
    chosen.forEach((type, name) -> {
      Channel ch = requireKnown(all, name, "defaultChannel");
      if (!ch.type().equals(type)) {
        throw new IllegalStateException("defaultChannel(" + type + ", \"" + name + "\"): channel '"
            + name + "' has type " + ch.type());
      }
      result.put(type, name);
    });
    byType.forEach((type, names) -> {
      if (result.containsKey(type)) {
        return;
      }
      if (names.size() == 1) {
        result.put(type, names.get(0));
      } else {
        throw new IllegalStateException("channels " + names + " share type " + type
            + "; mark one as the default with defaultChannel(ChannelType.of(\"" + type.id()
            + "\"), \"" + names.get(0) + "\")");
      }
    });
    return result;
  }

  private static Channel requireKnown(Map<String, Channel> all, String name, String setting) {
    Channel ch = all.get(name);
    if (ch == null) {
      throw new IllegalStateException(setting + " names channel '" + name
          + "', which is not configured; configured channels: " + all.keySet());
    }
    return ch;
  }

  @Nullable RecipientDirectory directory() {
    return policy.directory();
  }

  LaneOptions laneOptions(String channel) {
    return laneOptions.getOrDefault(channel, laneDefaults);
  }

  RetryPolicy retryPolicy(String channel) {
    return retryPolicies.getOrDefault(channel, retryPolicy);
  }
}
