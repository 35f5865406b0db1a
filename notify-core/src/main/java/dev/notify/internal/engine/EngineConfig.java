package dev.notify.internal.engine;

import dev.notify.Backpressure;
import dev.notify.ChannelType;
import dev.notify.LaneOptions;
import dev.notify.RetryPolicy;
import dev.notify.PreferencePolicy;
import dev.notify.RateLimit;
import dev.notify.RateLimits;
import dev.notify.spi.Channel;
import dev.notify.spi.PreferenceStore;
import dev.notify.spi.RateLimitStore;
import dev.notify.spi.RecipientDirectory;
import dev.notify.spi.TemplateEngine;
import dev.notify.spi.TemplateStore;
import dev.notify.spi.NotificationListener;
import dev.notify.spi.NotificationLog;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/** Everything the builder collected, checked and with defaults applied. */
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
