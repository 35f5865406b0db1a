package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.event.NotificationListener;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * What {@code NotificationClientBuilder} collects, with its defaults, each value already checked
 * on its own by the builder's setter. The builder hands this to {@link EngineConfig#from}, which
 * checks the combinations and applies the remaining defaults. Mutable and not thread-safe, like
 * the builder that owns it; never shared.
 */
public final class Settings {
  /** Explicitly registered channels, by name. */
  public final Map<String, Channel> channels = new LinkedHashMap<>();
  /** Channels found by {@link ChannelDiscovery}, by name. */
  public final Map<String, Channel> discovered = new LinkedHashMap<>();
  /** The default channel's name per type, where set. */
  public final Map<ChannelType, String> defaultChannels = new LinkedHashMap<>();
  /** The log, or null for a new in-memory log that the client owns. */
  public @Nullable NotificationLog log;
  /** Dispatcher threads. */
  public int dispatchers = 2;
  /** The lane size of channels without their own. */
  public LaneOptions laneDefaults = LaneOptions.ofDefaults();
  /** Lane sizes by channel name. */
  public final Map<String, LaneOptions> laneOptions = new LinkedHashMap<>();
  /** The most deliveries held in memory. */
  public int capacity = 10_000;
  /** What {@code send} does when memory is full. */
  public Backpressure backpressure = Backpressure.reject();
  /** The retry policy of channels without their own. */
  public RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  /** Retry policies by channel name. */
  public final Map<String, RetryPolicy> retryPolicies = new LinkedHashMap<>();
  /** How long an id is remembered. */
  public Duration idempotencyWindow = Duration.ofHours(24);
  /** Ids remembered in memory. */
  public int idempotencyCacheSize = 100_000;
  /** Receipt futures pending at once, at most. */
  public int maxPendingReceipts = 200_000;
  /** How long finished notifications stay in the log, or null for twice the window. */
  public @Nullable Duration retention;
  /** How long a claim lasts without renewal. */
  public Duration lease = Duration.ofMinutes(5);
  /** How often the log is polled. */
  public Duration pollInterval = Duration.ofSeconds(1);
  /** The limits {@code send} checks. */
  public Limits limits = Limits.ofDefaults();
  /** The clock, or null for the system UTC clock. */
  public @Nullable Clock clock;
  /** The scheduler, or null for the client's own. */
  public @Nullable Scheduler scheduler;
  /** Makes the client's threads. */
  public ThreadFactory threadFactory = Executors.defaultThreadFactory();
  /** Listeners, in registration order. */
  public final List<NotificationListener> listeners = new ArrayList<>();
  /** This instance's owner id, or null for a random UUID. */
  public @Nullable String instanceId;
  /** Resolves users and groups, or null. */
  public @Nullable RecipientDirectory directory;
  /** Opt-outs and quiet hours, or null. */
  public @Nullable PreferenceStore preferences;
  /** Critical categories and the quiet-hour bypass, or null for the defaults. */
  public @Nullable PreferencePolicy preferencePolicy;
  /** Templates, or null. */
  public @Nullable TemplateStore templates;
  /** The template engine, or null for Mustache. */
  public @Nullable TemplateEngine templateEngine;
  /** Per-recipient limits, or null. */
  public @Nullable RateLimits rateLimits;
  /** Where buckets live, or null for memory. */
  public @Nullable RateLimitStore rateLimitStore;
  /** Provider pacing by channel name. */
  public final Map<String, RateLimit> throughput = new LinkedHashMap<>();

  /** Empty settings with the defaults. */
  public Settings() {
  }
}
