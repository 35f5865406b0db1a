package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.Recipient;
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
import dev.notify.spi.log.ReceiptResult;
import dev.notify.spi.store.RateLimitStore;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The engine's parts, built and wired once from a checked configuration: memory and intake, one
 * lane per channel, the claimer, the outcome handling, the policies, the resolver, the acceptor
 * and the dispatcher. {@link Engine} is the facade over them.
 */
final class Assembly {
  final EngineConfig config;
  final Clock clock;
  final @Nullable SystemScheduler ownScheduler;
  final Scheduler scheduler;
  final Memory memory;
  final Intake intake;
  final Completions completions;
  final Listeners listeners;
  final Latency latency = new Latency();
  final Map<String, Lane> lanes;
  final Claimer claimer;
  final Outcomes outcomes;
  final @Nullable CachingRecipientDirectory directory;
  final Acceptor acceptor;
  final ExecutorService fanOut;
  final Dispatcher dispatcher;
  final ThreadPoolExecutor asyncSends;
  final Retrier retrier;
  private final Outcomes.Feedback feedback;
  final Backlog backlog;

  Assembly(EngineConfig config) {
    this.config = config;
    this.clock = config.clock();
    ThreadFactoryNamer threads = new ThreadFactoryNamer(config.threadFactory());
    this.ownScheduler = config.scheduler() == null
        ? new SystemScheduler(threads.named("notify-scheduler")) : null;
    this.scheduler = ownScheduler != null ? ownScheduler : config.scheduler();
    this.memory = new Memory(config.capacity());
    this.intake = new Intake(memory);
    this.backlog = new Backlog(config.capacity());
    this.completions = new Completions(config.log(), backlog, config.maxPendingReceipts());
    this.listeners = new Listeners(config.listeners(), clock);
    this.retrier = new Retrier(scheduler, threads);
    List<Lane> laneList = new ArrayList<>();
    this.claimer = new Claimer(config, memory, intake, laneList, completions, scheduler, threads);

    EngineConfig.Policy p = config.policy();
    this.directory = p.directory() == null ? null
        : new CachingRecipientDirectory(p.directory(), clock);
    TemplateRenderer templates = p.templates() == null ? null : new TemplateRenderer(p.templates(),
        p.templateEngine() != null ? p.templateEngine()
            : new MustacheTemplateEngine(config.limits().maxRenderedChars()));
    PreferencePolicy preferencePolicy = p.preferencePolicy() != null ? p.preferencePolicy()
        : PreferencePolicy.ofDefaults();
    RateLimitStore buckets = p.rateLimitStore() != null ? p.rateLimitStore()
        : new LocalRateLimitStore(clock);
    Policies policies = new Policies(directory,
        p.preferences() == null ? null : new PolicyEvaluator(p.preferences(), preferencePolicy),
        templates, p.rateLimits() == null ? null : new RecipientRateLimiter(p.rateLimits(),
            preferencePolicy::isCritical, buckets, clock), clock);
    this.feedback = feedback(p);
    this.outcomes = new Outcomes(config.log(), memory, completions, listeners, clock,
        config::retryPolicy, latency, claimer, feedback, retrier);

    Map<String, Lane> byName = new LinkedHashMap<>();
    for (Channel ch : config.channels().values()) {
      RateLimit rate = p.throughput().getOrDefault(ch.name(), ch.throughput().orElse(null));
      Lane lane = new Lane(ch, config.laneOptions(ch.name()),
          rate == null ? null : new Pacer(ch.name(), rate, buckets, clock), scheduler, clock,
          threads, this::context, outcomes);
      byName.put(ch.name(), lane);
      laneList.add(lane);
    }
    this.lanes = Collections.unmodifiableMap(byName);
    memory.onFreed(claimer::now);

    this.acceptor = new Acceptor(config, new Planner(config.channels(), config.defaultChannels(),
        config.limits(), templates, directory != null), memory, intake, lanes, completions,
        listeners, claimer, retrier, backlog);
    this.fanOut = Executors.newSingleThreadExecutor(threads.named("notify-fanout"));
    Resolver resolver = directory == null ? null : new Resolver(directory, config, memory,
        listeners, outcomes, claimer, acceptor, fanOut);
    this.dispatcher = new Dispatcher(intake, lanes, policies, resolver, outcomes, listeners, clock,
        config.dispatchers(), threads.named("notify-dispatch"));
    this.asyncSends = new ThreadPoolExecutor(1, Math.max(2, config.dispatchers()), 30,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.capacity()),
        threads.named("notify-send-async"));
  }

  /**
   * Takes this instance's lease in the log (and what an earlier run left claimed), then starts the
   * channels, the dispatchers and the claimer.
   */
  void start() {
    claimer.start();
    for (Lane lane : lanes.values()) {
      lane.channel().start(lane.context());
    }
    dispatcher.start();
  }

  /** What providers report reaches the recipient directory and the preference store. */
  private Outcomes.Feedback feedback(EngineConfig.Policy p) {
    CachingRecipientDirectory users = directory;
    return new Outcomes.Feedback() {
      @Override
      public void addressInvalid(String userId, Recipient.Address address,
          @Nullable Instant at) {
        if (users != null) {
          users.invalidateAddress(userId, address, at);
        }
      }

      @Override
      public void optedOut(String userId, ChannelType type) {
        if (p.preferences() != null) {
          p.preferences().recordProviderOptOut(userId, type);
        }
      }
    };
  }

  private ChannelContext context(String channelName, Executor executor, Executor blocking) {
    return new LaneContext(channelName, executor, blocking, scheduler, clock, new ReceiptSink() {
      @Override
      public boolean record(String providerMessageId, Receipt receipt) {
        return recordReceipt(channelName, providerMessageId, receipt);
      }

      @Override
      public boolean recordForDelivery(String deliveryId, Receipt receipt) {
        return recordDeliveryReceipt(deliveryId, receipt);
      }
    });
  }

  /** What a channel gets from its lane: the record's accessors are the interface's methods. */
  private record LaneContext(String channelName, Executor executor, Executor blockingExecutor,
      Scheduler scheduler, Clock clock, ReceiptSink receipts) implements ChannelContext {
  }

  /**
   * A provider's receipt, from a channel or the host's web-hook endpoint. Reported to listeners
   * when it is added to its delivery; one that overtook the delivery's SENT is kept by the log and
   * added then (it shows in the status; no event is reported for it).
   *
   * @return false only when the log knows it already (a web-hook delivered twice)
   */
  boolean recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    ReceiptResult r = config.log().recordReceipt(channel, providerMessageId, receipt);
    if (r instanceof ReceiptResult.Recorded recorded) {
      reported(recorded.delivery(), receipt);
    }
    return !(r instanceof ReceiptResult.Duplicate);
  }

  /**
   * A provider's receipt for a delivery known by its own id.
   *
   * @return false when no delivery has that id or the receipt is a duplicate
   */
  boolean recordDeliveryReceipt(String deliveryId, Receipt receipt) {
    ReceiptResult r = config.log().recordReceiptFor(deliveryId, receipt);
    if (r instanceof ReceiptResult.Recorded recorded) {
      reported(recorded.delivery(), receipt);
      return true;
    }
    return false;
  }

  /** A receipt added to its delivery: reported, and an address that does not exist forgotten. */
  private void reported(DeliveryRecord delivery, Receipt receipt) {
    if (receipt.kind() == Receipt.Kind.ADDRESS_INVALID && delivery.userId() != null
        && delivery.address() instanceof Recipient.Address address) {
      feedback.addressInvalid(delivery.userId(), address, receipt.at());
    }
    listeners.receipt(WorkItemView.of(delivery), receipt);
  }
}
