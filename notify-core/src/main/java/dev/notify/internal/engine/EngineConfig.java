package dev.notify.internal.engine;

import dev.notify.Backpressure;
import dev.notify.ChannelType;
import dev.notify.LaneOptions;
import dev.notify.RetryPolicy;
import dev.notify.spi.Channel;
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
    String instanceId) {

  LaneOptions laneOptions(String channel) {
    return laneOptions.getOrDefault(channel, laneDefaults);
  }

  RetryPolicy retryPolicy(String channel) {
    return retryPolicies.getOrDefault(channel, retryPolicy);
  }
}
