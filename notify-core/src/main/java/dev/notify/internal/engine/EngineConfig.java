package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.event.NotificationListener;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

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
 * @param retention how long finished notifications stay in the log
 * @param lease how long a claim lasts without renewal
 * @param pollInterval how often the log is polled for due and orphaned work
 * @param maxDataBytes the largest {@code data} map
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
    Duration retention,
    Duration lease,
    Duration pollInterval,
    int maxDataBytes,
    Clock clock,
    Scheduler scheduler,
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
  public record Policy(RecipientDirectory directory, PreferenceStore preferences,
      PreferencePolicy preferencePolicy, TemplateStore templates, TemplateEngine templateEngine,
      RateLimits rateLimits, RateLimitStore rateLimitStore, Map<String, RateLimit> throughput) {
  }

  RecipientDirectory directory() {
    return policy.directory();
  }

  LaneOptions laneOptions(String channel) {
    return laneOptions.getOrDefault(channel, laneDefaults);
  }

  RetryPolicy retryPolicy(String channel) {
    return retryPolicies.getOrDefault(channel, retryPolicy);
  }
}
