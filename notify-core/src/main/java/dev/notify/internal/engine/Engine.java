package dev.notify.internal.engine;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.QueueFullException;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.internal.preference.PolicyEvaluator;
import dev.notify.internal.ratelimit.LocalRateLimitStore;
import dev.notify.internal.ratelimit.Pacer;
import dev.notify.internal.ratelimit.RecipientRateLimiter;
import dev.notify.internal.recipient.CachingRecipientDirectory;
import dev.notify.internal.template.MustacheTemplateEngine;
import dev.notify.internal.template.TemplateRenderer;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.RateLimit;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.store.RateLimitStore;
import dev.notify.status.CircuitState;
import dev.notify.status.ClientStats;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NotificationClient}: wires the acceptor (caller side), the intake and dispatchers, one
 * lane per channel, the claimer (log side) and the outcome handling, and owns their lifecycle.
 */
public final class Engine implements NotificationClient {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final Scheduler scheduler;
  private final SystemScheduler ownScheduler;
  private final Memory memory;
  private final Intake intake;
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final Completions completions;
  private final Listeners listeners;
  private final Latency latency = new Latency();
  private final Claimer claimer;
  private final Outcomes outcomes;
  private final Acceptor acceptor;
  private final Policies policies;
  private final CachingRecipientDirectory directory;
  private final Resolver resolver;
  private final java.util.concurrent.ExecutorService fanOut;
  private final List<Thread> dispatchers = new ArrayList<>();
  private final ThreadPoolExecutor asyncSends;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean drained;

  private Engine(EngineConfig config) {
    this.config = config;
    ThreadFactoryNamer threads = new ThreadFactoryNamer(config.threadFactory());
    this.ownScheduler = config.scheduler() == null
        ? new SystemScheduler(threads.named("notify-scheduler")) : null;
    this.scheduler = ownScheduler != null ? ownScheduler : config.scheduler();
    this.memory = new Memory(config.capacity());
    this.intake = new Intake(memory);
    this.completions = new Completions(config.log());
    this.listeners = new Listeners(config.listeners(), config.clock());
    List<Lane> laneList = new ArrayList<>();
    this.claimer = new Claimer(config, memory, intake, laneList, listeners, scheduler, threads);
    EngineConfig.Policy p = config.policy();
    java.time.Clock clock = config.clock();
    CachingRecipientDirectory directory = p.directory() == null ? null
        : new CachingRecipientDirectory(p.directory(), clock);
    this.directory = directory;
    TemplateRenderer templates = p.templates() == null ? null : new TemplateRenderer(p.templates(),
        p.templateEngine() != null ? p.templateEngine() : new MustacheTemplateEngine());
    PreferencePolicy preferencePolicy = p.preferencePolicy() != null ? p.preferencePolicy()
        : PreferencePolicy.ofDefaults();
    RateLimitStore buckets = p.rateLimitStore() != null ? p.rateLimitStore()
        : new LocalRateLimitStore(clock);
    this.policies = new Policies(directory,
        p.preferences() == null ? null : new PolicyEvaluator(p.preferences(), preferencePolicy),
        templates, p.rateLimits() == null ? null : new RecipientRateLimiter(p.rateLimits(),
            preferencePolicy::isCritical, buckets, clock), clock);
    Outcomes.Feedback feedback = new Outcomes.Feedback() {
      @Override
      public void addressInvalid(String userId, Recipient.Address address, Instant at) {
        if (directory != null) {
          directory.invalidateAddress(userId, address, at);
        }
      }

      @Override
      public void optedOut(String userId, ChannelType type) {
        if (p.preferences() != null) {
          p.preferences().recordProviderOptOut(userId, type);
        }
      }
    };
    this.outcomes = new Outcomes(config.log(), memory, completions, listeners, clock,
        config::retryPolicy, latency, claimer, feedback);
    for (Channel ch : config.channels().values()) {
      RateLimit rate = p.throughput().get(ch.name());
      Lane lane = new Lane(ch, config.laneOptions(ch.name()),
          rate == null ? null : new Pacer(ch.name(), rate, buckets, clock), scheduler, clock,
          threads,
          this::context, outcomes);
      lanes.put(ch.name(), lane);
      laneList.add(lane);
    }
    memory.onFreed(claimer::now);
    // An address (not a user) with no policy, template or lookup: dispatch is the hand-over.
    intake.dispatchDirectly(item -> !item.isPlaceholder() && item.userId() == null
        && policies.proceedsAtOnce(item), this::dispatchItem);
    this.acceptor = new Acceptor(config, new Planner(config.channels(), config.defaultChannels(),
        config.maxDataBytes(), templates, directory != null), memory, intake, lanes, completions,
        listeners, claimer);
    this.fanOut = java.util.concurrent.Executors.newSingleThreadExecutor(
        threads.named("notify-fanout"));
    this.resolver = directory == null ? null : new Resolver(directory, config, memory, listeners,
        outcomes, claimer, acceptor, fanOut);
    this.asyncSends = new ThreadPoolExecutor(1, Math.max(2, config.dispatchers()), 30,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.capacity()),
        threads.named("notify-send-async"));
    java.util.concurrent.ThreadFactory dispatch = threads.named("notify-dispatch");
    for (int i = 0; i < config.dispatchers(); i++) {
      dispatchers.add(dispatch.newThread(this::dispatchLoop));
    }
  }

  /**
   * Builds and starts a client from a checked configuration.
   *
   * @param config the configuration the builder checked
   * @return the running engine: channels started, dispatchers and claimer running
   */
  public static Engine start(EngineConfig config) {
    Engine e = new Engine(config);
    for (Lane lane : e.lanes.values()) {
      lane.channel().start(lane.context());
    }
    e.dispatchers.forEach(Thread::start);
    e.claimer.start();
    return e;
  }

  private ChannelContext context(String channelName, ThreadPoolExecutor executor) {
    return new ChannelContext() {
      @Override
      public String channelName() {
        return channelName;
      }

      @Override
      public java.util.concurrent.Executor executor() {
        return executor;
      }

      @Override
      public Scheduler scheduler() {
        return scheduler;
      }

      @Override
      public java.time.Clock clock() {
        return config.clock();
      }

      @Override
      public ReceiptSink receipts() {
        return Engine.this::recordReceipt;
      }
    };
  }

  private void dispatchLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      WorkItem item;
      try {
        item = intake.take();
      } catch (InterruptedException e) {
        return;
      }
      dispatchItem(item);
    }
  }

  private void dispatchItem(WorkItem item) {
    Lane lane = lanes.get(item.channel());
    try {
      dispatch(lane, item);
    } catch (RuntimeException e) {
      LOG.error("dispatching {} failed; its lease will expire and it will be retried", item, e);
    } finally {
      if (lane != null) {
        // Its place counts until it is in the lane's queue (or has left): never overshoot.
        lane.releasePlace();
      }
    }
  }

  private void dispatch(Lane lane, WorkItem item) {
    if (item.hasLeft()) {
      return;
    }
    Optional<Instant> expires = item.notification().expiresAt();
    if (expires.isPresent() && !config.clock().instant().isBefore(expires.get())) {
      outcomes.expired(lane, item);
      return;
    }
    if (item.isPlaceholder()) {
      resolver.resolve(item);
      return;
    }
    Policies.Verdict verdict = policies.check(item, lane.channel().type());
    if (verdict instanceof Policies.Suppress) {
      outcomes.suppressed(lane, item, ((Policies.Suppress) verdict).reason());
    } else if (verdict instanceof Policies.Defer) {
      Policies.Defer d = (Policies.Defer) verdict;
      outcomes.deferred(lane, item, d.until(), d.reason());
    } else if (verdict instanceof Policies.Fail) {
      outcomes.failedAtDispatch(lane, item, ((Policies.Fail) verdict).reason());
    } else if (item.userId() != null && !validAtDispatch(lane, item)) {
      return;
    } else if (!lane.offer(item)) {
      outcomes.park(item);
    }
  }

  /** A user's addresses and rendered content are first seen here: the channel checks them now. */
  private boolean validAtDispatch(Lane lane, WorkItem item) {
    try {
      lane.channel().validate(item.message());
      return true;
    } catch (InvalidNotificationException e) {
      outcomes.failedAtDispatch(lane, item, "(channel '" + lane.name() + "') " + e.getMessage());
      return false;
    }
  }

  private boolean recordReceipt(String providerMessageId, Receipt receipt) {
    Optional<DeliveryRecord> d = config.log().recordReceipt(providerMessageId, receipt);
    d.ifPresent(r -> listeners.receipt(WorkItemView.of(r), receipt));
    return d.isPresent();
  }

  @Override
  public SendReceipt send(Notification notification) {
    requireNonNull(notification, "notification");
    ensureOpen();
    return acceptor.accept(List.of(notification)).get(0);
  }

  @Override
  public CompletableFuture<SendReceipt> sendAsync(Notification notification) {
    requireNonNull(notification, "notification");
    ensureOpen();
    try {
      return CompletableFuture.supplyAsync(() -> send(notification), asyncSends);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new QueueFullException(
          "too many sendAsync calls waiting (" + config.capacity() + "); nothing was stored"));
    }
  }

  @Override
  public List<SendReceipt> sendAll(Collection<Notification> notifications) {
    requireNonNull(notifications, "notifications");
    ensureOpen();
    List<Notification> batch = new ArrayList<>(notifications.size());
    for (Notification n : notifications) {
      batch.add(requireNonNull(n, "notifications contains null"));
    }
    return batch.isEmpty() ? List.of() : acceptor.accept(batch);
  }

  @Override
  public boolean cancel(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    Instant now = config.clock().instant();
    Optional<NotificationRecord> before = config.log().find(notificationId);
    if (before.isEmpty() || config.log().cancel(notificationId, now) == 0) {
      return false;
    }
    NotificationRecord after = config.log().find(notificationId).orElse(before.get());
    for (DeliveryRecord d : after.deliveries()) {
      boolean wasLive = before.get().delivery(d.id()).map(b -> !b.state().isTerminal())
          .orElse(false);
      if (wasLive && d.state() == DeliveryState.CANCELLED) {
        WorkItem held = memory.get(d.id());
        if (held != null) {
          memory.leave(held);
        }
        Lane lane = lanes.get(d.channel());
        if (lane != null) { // a delivery still waiting to be resolved belongs to no lane yet
          lane.count(DeliveryState.CANCELLED);
        }
        listeners.delivery(EventType.CANCELLED, WorkItemView.of(d), 0, "cancelled", null);
      }
    }
    completions.check(notificationId);
    return true;
  }

  @Override
  public Optional<NotificationStatus> status(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return config.log().find(notificationId).map(Statuses::of);
  }

  @Override
  public List<NotificationStatus> history(Recipient recipient, int limit) {
    requireNonNull(recipient, "recipient");
    requireLimit(limit);
    return config.log().history(recipient.key(), limit).stream().map(Statuses::of).toList();
  }

  @Override
  public List<NotificationStatus> deadLetters(int limit) {
    requireLimit(limit);
    return config.log().deadLetters(null, limit).stream().map(Statuses::of).toList();
  }

  @Override
  public List<NotificationStatus> deadLetters(String channel, int limit) {
    requireNonNull(channel, "channel");
    requireLimit(limit);
    return config.log().deadLetters(channel, limit).stream().map(Statuses::of).toList();
  }

  @Override
  public Optional<SendReceipt> replay(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    ensureOpen();
    CompletableFuture<NotificationStatus> future = completions.track(notificationId);
    int n = config.log().replay(notificationId, config.clock().instant());
    if (n == 0) {
      completions.check(notificationId);
      return Optional.empty();
    }
    memory.markBacklog();
    claimer.now();
    return Optional.of(new SendReceipt(notificationId, false, future));
  }

  @Override
  public void resumeChannel(String channelName) {
    Lane lane = lanes.get(requireNonNull(channelName, "channelName"));
    if (lane == null) {
      throw new IllegalArgumentException("no channel named '" + channelName + "'; channels: "
          + lanes.keySet());
    }
    lane.close("resumed by hand");
  }

  @Override
  public void invalidateRecipient(String userId) {
    requireNonNull(userId, "userId");
    if (directory != null) {
      directory.invalidate(userId);
    }
  }

  @Override
  public ClientStats stats() {
    Map<String, ClientStats.LaneStats> laneStats = new LinkedHashMap<>();
    lanes.forEach((name, lane) -> laneStats.put(name, lane.stats()));
    return new ClientStats(intake.sizes(), memory.size(), memory.capacity(), laneStats,
        latency.snapshot());
  }

  @Override
  public Collection<Channel> channels() {
    return config.channels().values();
  }

  @Override
  public boolean shutdown(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (!closing.compareAndSet(false, true)) {
      return drained;
    }
    closed = true;
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    claimer.stop();
    asyncSends.shutdown();
    // A paused lane cannot drain: hand its queue back to the log now rather than wait it out.
    for (Lane lane : lanes.values()) {
      if (lane.circuit() != CircuitState.CLOSED) {
        lane.stop().forEach(outcomes::release);
      }
    }
    boolean empty;
    try {
      empty = memory.awaitEmpty(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      empty = false;
    }
    dispatchers.forEach(Thread::interrupt);
    for (Thread t : dispatchers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // What never started goes back to the log; what is in flight keeps its lease, which expires
    // and is taken back by the next start (at-least-once).
    intake.drain().forEach(outcomes::release);
    for (Lane lane : lanes.values()) {
      lane.stop().forEach(outcomes::release);
    }
    for (Lane lane : lanes.values()) {
      try {
        lane.channel().close();
      } catch (RuntimeException e) {
        LOG.warn("closing channel {} failed", lane.name(), e);
      }
      try {
        lane.shutdownExecutor(TimeUnit.SECONDS.toNanos(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fanOut.shutdownNow();
    completions.abandon();
    if (ownScheduler != null) {
      ownScheduler.shutdown();
    }
    if (config.ownsLog()) {
      config.log().close();
    }
    drained = empty;
    return empty;
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the client is shut down; build a new one");
    }
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }
}
