package dev.notify;

import static java.util.Objects.requireNonNull;

import dev.notify.event.NotificationListener;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.internal.engine.ChannelDiscovery;
import dev.notify.internal.engine.Engine;
import dev.notify.internal.engine.EngineConfig;
import dev.notify.internal.engine.Settings;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.Limits;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import dev.notify.spi.Scheduler;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.store.PreferenceStore;
import dev.notify.spi.store.RateLimitStore;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.spi.store.TemplateEngine;
import dev.notify.spi.store.TemplateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Configures and builds a {@link NotificationClient}. Every setting has a default stated on its
 * method; bad values are refused at once and bad combinations by {@link #build()}, with a message
 * that says how to fix them. Not thread-safe.
 */
public final class NotificationClientBuilder {
  /** Everything set so far; {@link #build()} hands it to the engine, which checks it. */
  private final Settings settings = new Settings();

  NotificationClientBuilder() {
  }

  /**
   * Registers a channel. Its name must be unique among explicitly registered channels; it replaces
   * a channel of the same name found by {@link #discoverChannels(Properties)}.
   *
   * @param channel the channel
   * @return this builder
   */
  public NotificationClientBuilder channel(Channel channel) {
    requireNonNull(channel, "channel");
    String name = requireNonNull(channel.name(), "channel.name()");
    if (name.isBlank() || name.startsWith("@")) {
      throw new IllegalArgumentException("channel names must not be blank or start with '@': '"
          + name + "'");
    }
    if (settings.channels.containsKey(name)) {
      throw new IllegalArgumentException("two channels are named '" + name + "' ("
          + settings.channels.get(name).getClass().getName() + " and "
          + channel.getClass().getName()
          + "); give each channel instance its own name, e.g. 'apns' and 'apns-sandbox'");
    }
    settings.channels.put(name, channel);
    return this;
  }

  /**
   * Marks the channel used for a type when several channels share it (e.g. two APNs accounts).
   * Required when a type has more than one channel; a single channel is its type's default.
   *
   * @param type the channel type
   * @param channelName the name of the channel to use for it
   * @return this builder
   */
  public NotificationClientBuilder defaultChannel(ChannelType type, String channelName) {
    settings.defaultChannels.put(requireNonNull(type, "type"),
        requireNonNull(channelName, "channelName"));
    return this;
  }

  /**
   * Creates channels from properties with the {@link ChannelProvider}s on the class path: a channel
   * named {@code sms-eu} needs {@code notify.channel.sms-eu.provider=<provider id>} and gets every
   * {@code notify.channel.sms-eu.*} property. Explicitly registered channels win over discovered ones
   * of the same name.
   *
   * @param properties the properties, e.g. {@code System.getProperties()} or a loaded file
   * @return this builder
   * @throws IllegalArgumentException for an unknown provider id
   * @throws IllegalStateException when two providers on the class path share one id
   */
  public NotificationClientBuilder discoverChannels(Properties properties) {
    requireNonNull(properties, "properties");
    settings.discovered.putAll(ChannelDiscovery.discover(properties));
    return this;
  }

  /**
   * Sets the notification log. The default is a new {@link InMemoryNotificationLog} on the
   * client's clock that remembers the ids it evicts for the client's idempotency window; a log
   * given here keeps its own settings (configure {@code rememberEvictedIdsFor} to match a longer
   * window). The client does not close a log it was given.
   *
   * @param log where notifications are kept; default a new {@link InMemoryNotificationLog}
   * @return this builder
   */
  public NotificationClientBuilder log(NotificationLog log) {
    settings.log = requireNonNull(log, "log");
    return this;
  }

  /**
   * Sets the number of dispatcher threads.
   *
   * @param dispatchers threads that take queued work and hand it to lanes; default 2
   * @return this builder
   */
  public NotificationClientBuilder dispatchers(int dispatchers) {
    settings.dispatchers = positive(dispatchers, "dispatchers");
    return this;
  }

  /**
   * Sizes the lanes of channels without lane options of their own.
   *
   * @param options the lane size of every channel without its own; default
   *     {@link LaneOptions#ofDefaults()}
   * @return this builder
   */
  public NotificationClientBuilder laneDefaults(LaneOptions options) {
    settings.laneDefaults = requireNonNull(options, "options");
    return this;
  }

  /**
   * Sizes one channel's lane.
   *
   * @param channelName the channel's name
   * @param options the lane size of that channel
   * @return this builder
   */
  public NotificationClientBuilder lane(String channelName, LaneOptions options) {
    settings.laneOptions.put(requireNonNull(channelName, "channelName"),
        requireNonNull(options, "options"));
    return this;
  }

  /**
   * Sets the memory capacity.
   *
   * @param capacity the most deliveries held in memory (queued, dispatching or in flight); a
   *     notification to n addresses takes n places. Default 10,000.
   * @return this builder
   */
  public NotificationClientBuilder capacity(int capacity) {
    settings.capacity = positive(capacity, "capacity");
    return this;
  }

  /**
   * Sets the backpressure policy.
   *
   * @param backpressure what {@code send} does when memory is full; default
   *     {@link Backpressure#reject()}
   * @return this builder
   */
  public NotificationClientBuilder backpressure(Backpressure backpressure) {
    settings.backpressure = requireNonNull(backpressure, "backpressure");
    return this;
  }

  /**
   * Sets the retry policy of channels without one of their own.
   *
   * @param policy the retry policy of every channel without its own; default
   *     {@link RetryPolicy#ofDefaults()}
   * @return this builder
   */
  public NotificationClientBuilder retryPolicy(RetryPolicy policy) {
    settings.retryPolicy = requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets one channel's retry policy.
   *
   * @param channelName the channel's name
   * @param policy the retry policy of that channel
   * @return this builder
   */
  public NotificationClientBuilder retryPolicy(String channelName, RetryPolicy policy) {
    settings.retryPolicies.put(requireNonNull(channelName, "channelName"),
        requireNonNull(policy, "policy"));
    return this;
  }

  /**
   * Sets the idempotency window.
   *
   * @param window how long a sent id is remembered for deduplication; default 24 h
   * @return this builder
   */
  public NotificationClientBuilder idempotencyWindow(Duration window) {
    settings.idempotencyWindow = positive(window, "idempotencyWindow");
    return this;
  }

  /**
   * Sets the size of the in-memory idempotency cache.
   *
   * @param entries ids remembered in memory (the log remembers the rest); default 100,000
   * @return this builder
   */
  public NotificationClientBuilder idempotencyCacheSize(int entries) {
    settings.idempotencyCacheSize = positive(entries, "idempotencyCacheSize");
    return this;
  }

  /**
   * Bounds the receipt futures pending at once ({@link SendReceipt#completion()}). Each future
   * completes when its notification finishes, on whichever instance sends it; beyond this bound
   * a new receipt's future fails at once and the notification is followed with
   * {@link NotificationClient#status(String)} instead. Nothing else changes: the notification is
   * accepted and sent.
   *
   * @param futures how many may be pending at once; default 200,000 (about 200 bytes each)
   * @return this builder
   */
  public NotificationClientBuilder maxPendingReceipts(int futures) {
    settings.maxPendingReceipts = positive(futures, "maxPendingReceipts");
    return this;
  }

  /**
   * Sets the retention of finished notifications.
   *
   * @param retention how long finished notifications stay in the log (status, history, dedupe); at
   *     least the idempotency window. Default: twice the idempotency window.
   * @return this builder
   */
  public NotificationClientBuilder retention(Duration retention) {
    settings.retention = positive(retention, "retention");
    return this;
  }

  /**
   * Sets the lease duration: how long this instance's claims in the log hold without a
   * heartbeat, by the log's clock. The client sends one heartbeat every third of it, however much
   * it holds. When an instance dies, others take its work over after at most this long.
   *
   * @param lease how long this instance's claims hold without a heartbeat; default 5 min
   * @return this builder
   */
  public NotificationClientBuilder lease(Duration lease) {
    settings.lease = positive(lease, "lease");
    return this;
  }

  /**
   * Sets the poll interval.
   *
   * @param interval how often the log is polled for due and orphaned work; default 1 s
   * @return this builder
   */
  public NotificationClientBuilder pollInterval(Duration interval) {
    settings.pollInterval = positive(interval, "pollInterval");
    return this;
  }

  /**
   * Sets the size limit of a notification's data; a shortcut for the same field of
   * {@link #limits(Limits)}.
   *
   * @param bytes the largest {@code data} map (keys and values, UTF-8); default 4,096
   * @return this builder
   */
  public NotificationClientBuilder maxDataBytes(int bytes) {
    settings.limits = settings.limits.toBuilder().maxDataBytes(positive(bytes, "maxDataBytes"))
        .build();
    return this;
  }

  /**
   * Sets the size and time limits {@code send} checks.
   *
   * @param limits the limits; default {@link Limits#ofDefaults()}
   * @return this builder
   */
  public NotificationClientBuilder limits(Limits limits) {
    settings.limits = requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Sets the clock.
   *
   * @param clock the time source; default the system UTC clock
   * @return this builder
   */
  public NotificationClientBuilder clock(Clock clock) {
    settings.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the scheduler.
   *
   * @param scheduler runs delayed work (retries, schedules, leases, probes); default a single
   *     daemon thread. A custom scheduler needs the clock it runs on: set {@link #clock(Clock)} too.
   * @return this builder
   */
  public NotificationClientBuilder scheduler(Scheduler scheduler) {
    settings.scheduler = requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Sets the thread factory.
   *
   * @param factory makes the client's threads, which are then named {@code notify-*}; default
   *     Executors'
   * @return this builder
   */
  public NotificationClientBuilder threadFactory(ThreadFactory factory) {
    settings.threadFactory = requireNonNull(factory, "factory");
    return this;
  }

  /**
   * Adds a listener for every state change.
   *
   * @param listener the listener; called on client threads, see {@link NotificationListener}
   * @return this builder
   */
  public NotificationClientBuilder listener(NotificationListener listener) {
    settings.listeners.add(requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Resolves user and group recipients at dispatch; lookups are cached for 30 s. Default none:
   * {@code send} then rejects user and group recipients.
   *
   * <pre>{@code
   * InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
   * users.put(UserProfile.builder("42").email("ada@example.com")
   *     .zone(ZoneId.of("Asia/Seoul")).build());
   * builder.recipientDirectory(users);
   * }</pre>
   *
   * @param directory the directory of users and groups
   * @return this builder
   */
  public NotificationClientBuilder recipientDirectory(RecipientDirectory directory) {
    settings.directory = requireNonNull(directory, "directory");
    return this;
  }

  /**
   * Checks each user's opt-outs and quiet hours at dispatch, and records provider opt-outs (an SMS
   * STOP). Default none: no preference is applied.
   *
   * @param store the users' preferences
   * @return this builder
   */
  public NotificationClientBuilder preferences(PreferenceStore store) {
    settings.preferences = requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets the preference policy.
   *
   * @param policy critical categories (which bypass opt-outs of a channel or category, quiet hours
   *     and rate limits, but never an opt-out of everything) and whether HIGH priority skips quiet
   *     hours; default {@link PreferencePolicy#ofDefaults()}
   * @return this builder
   */
  public NotificationClientBuilder preferencePolicy(PreferencePolicy policy) {
    settings.preferencePolicy = requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets the template store.
   *
   * @param store where templates referenced by notifications are found; default none
   * @return this builder
   */
  public NotificationClientBuilder templates(TemplateStore store) {
    settings.templates = requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets the template engine.
   *
   * @param engine renders templates; default Mustache, strict, HTML-escaping only email html
   * @return this builder
   */
  public NotificationClientBuilder templateEngine(TemplateEngine engine) {
    settings.templateEngine = requireNonNull(engine, "engine");
    return this;
  }

  /**
   * Per-recipient limits per channel type (and category), e.g. at most 3 SMS an hour, with DROP or
   * DEFER when exceeded. Default none.
   *
   * <pre>{@code
   * builder.rateLimits(RateLimits.builder()
   *     .limit(ChannelType.SMS, RateLimit.of(3, Duration.ofHours(1)), OverLimitAction.DEFER)
   *     .build());
   * }</pre>
   *
   * @param limits the rules per channel type and category
   * @return this builder
   */
  public NotificationClientBuilder rateLimits(RateLimits limits) {
    settings.rateLimits = requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Sets the rate-limit store.
   *
   * @param store where rate-limit buckets live; default local and in memory. Use
   *     {@code Bucket4jRateLimitStore} over a Bucket4j PostgreSQL or Redis proxy manager to share
   *     limits between instances.
   * @return this builder
   */
  public NotificationClientBuilder rateLimitStore(RateLimitStore store) {
    settings.rateLimitStore = requireNonNull(store, "store");
    return this;
  }

  /**
   * Paces a channel's lane to a provider's throughput limit (e.g. Twilio 1 message/s per sender)
   * instead of collecting its 429s.
   *
   * @param channelName the channel's name
   * @param limit the provider's limit for that channel
   * @return this builder
   */
  public NotificationClientBuilder throughput(String channelName, RateLimit limit) {
    settings.throughput.put(requireNonNull(channelName, "channelName"),
        requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Sets this instance's id: the owner of its claims in the log. It must be unique among the
   * instances running on one log at the same time. An instance that starts with the id of an
   * earlier run takes back, at once, whatever that run left claimed (instead of waiting for its
   * lease to expire), so a fixed id per host or pod speeds up recovery after a restart.
   *
   * @param id this instance's owner id in the log; default a random UUID
   * @return this builder
   */
  public NotificationClientBuilder instanceId(String id) {
    requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("instanceId must not be blank");
    }
    settings.instanceId = id;
    return this;
  }

  /**
   * Builds and starts the client: channels are started, and work left in the log whose lease has
   * expired is taken back.
   *
   * @return the running client
   * @throws IllegalStateException when the configuration is inconsistent; the message says how to
   *     fix it
   */
  public NotificationClient build() {
    return Engine.start(EngineConfig.from(settings));
  }

  private static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  private static Duration positive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
