package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A channel that records what it is asked to send and answers as the test scripts it: results in
 * order or per address, a latency on the client's scheduler, or holding every send until
 * {@link #release()}. Thread-safe.
 *
 * <pre>{@code
 * RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build();
 * sms.respondWith(DeliveryResult.retryable("503"), DeliveryResult.retryable("503"));
 * // the first two sends fail retryably, then every send succeeds
 * }</pre>
 */
public final class RecordingChannel implements Channel {
  private final String name;
  private final ChannelType type;
  private final Consumer<OutboundMessage> validator;
  private final Duration latency;

  private final Object lock = new Object();
  private final List<Delivery> sends = new ArrayList<>();
  private final Queue<DeliveryResult> script = new ArrayDeque<>();
  private final Map<String, Queue<DeliveryResult>> byAddress = new HashMap<>();
  private DeliveryResult fallback;
  private boolean holding;
  private final List<Runnable> held = new ArrayList<>();
  private final AtomicInteger sentIds = new AtomicInteger();
  private volatile boolean closed;
  private volatile ChannelContext startedWith;

  private RecordingChannel(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.validator = b.validator;
    this.latency = b.latency;
    this.fallback = b.fallback;
  }

  /**
   * {@return a builder for a channel with this name}
   *
   * @param name the channel's name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChannelType type() {
    return type;
  }

  @Override
  public void validate(OutboundMessage message) {
    validator.accept(message);
  }

  @Override
  public void start(ChannelContext context) {
    this.startedWith = context;
  }

  /**
   * Answers the next sends with these results, in order, before falling back to the default.
   *
   * @param results the answers, in order
   * @return this channel
   */
  public RecordingChannel respondWith(DeliveryResult... results) {
    synchronized (lock) {
      script.addAll(List.of(results));
    }
    return this;
  }

  /**
   * Answers the next sends to one address value with these results, in order.
   *
   * @param address the address value, e.g. a device token or an email address
   * @param results the answers, in order
   * @return this channel
   */
  public RecordingChannel respondTo(String address, DeliveryResult... results) {
    synchronized (lock) {
      byAddress.computeIfAbsent(address, a -> new ArrayDeque<>()).addAll(List.of(results));
    }
    return this;
  }

  /**
   * Answers every send not otherwise scripted with this result (default: sent).
   *
   * @param result the answer when nothing else is scripted
   * @return this channel
   */
  public RecordingChannel respondByDefault(DeliveryResult result) {
    synchronized (lock) {
      fallback = requireNonNull(result, "result");
    }
    return this;
  }

  /**
   * From now on, sends are recorded but not answered until {@link #release()}.
   *
   * @return this channel
   */
  public RecordingChannel hold() {
    synchronized (lock) {
      holding = true;
    }
    return this;
  }

  /**
   * Answers every held send and stops holding.
   *
   * @return this channel
   */
  public RecordingChannel release() {
    List<Runnable> toRun;
    synchronized (lock) {
      holding = false;
      toRun = new ArrayList<>(held);
      held.clear();
    }
    toRun.forEach(Runnable::run);
    return this;
  }

  /** {@return how many sends are held, unanswered} */
  public int heldCount() {
    synchronized (lock) {
      return held.size();
    }
  }

  @Override
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    CompletableFuture<DeliveryResult> f = new CompletableFuture<>();
    DeliveryResult result;
    boolean hold;
    synchronized (lock) {
      sends.add(delivery);
      Queue<DeliveryResult> forAddress = byAddress.get(delivery.message().address().value());
      if (forAddress != null && !forAddress.isEmpty()) {
        result = forAddress.poll();
      } else if (!script.isEmpty()) {
        result = script.poll();
      } else {
        result = fallback;
      }
      if (result == null) {
        result = DeliveryResult.sent(name + "-" + sentIds.incrementAndGet());
      }
      hold = holding;
      final DeliveryResult r = result;
      if (hold) {
        held.add(() -> f.complete(r));
      }
    }
    if (hold) {
      return f;
    }
    if (latency.isZero()) {
      f.complete(result);
    } else {
      final DeliveryResult r = result;
      context.scheduler().schedule(() -> f.complete(r), latency);
    }
    return f;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** {@return true once the client closed this channel} */
  public boolean isClosed() {
    return closed;
  }

  /** {@return the context the client started this channel with, or null before} */
  public ChannelContext context() {
    return startedWith;
  }

  /** {@return every send so far, in order (retries included)} */
  public List<Delivery> sends() {
    synchronized (lock) {
      return List.copyOf(sends);
    }
  }

  /** {@return the number of sends so far} */
  public int sendCount() {
    synchronized (lock) {
      return sends.size();
    }
  }

  /**
   * Waits until at least {@code count} sends have been made.
   *
   * @param count how many sends to wait for
   * @param timeout how long to wait at most
   * @return the sends so far
   * @throws AssertionError if they are not made within the timeout
   */
  public List<Delivery> awaitSends(int count, Duration timeout) {
    return Await.atMost(timeout).until(count + " sends on channel " + name, this::sends,
        sends -> sends.size() >= count, sends -> "got " + sends.size());
  }

  /** Builds a {@link RecordingChannel}. */
  public static final class Builder {
    private final String name;
    private ChannelType type = ChannelType.of("recording");
    private Consumer<OutboundMessage> validator = m -> { };
    private Duration latency = Duration.ZERO;
    private DeliveryResult fallback;

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    /**
     * Sets the channel type.
     *
     * @param type the channel type; default the custom type {@code recording}
     * @return this builder
     */
    public Builder type(ChannelType type) {
      this.type = requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the validation.
     *
     * @param validator runs as {@link Channel#validate}; throw InvalidNotificationException
     * @return this builder
     */
    public Builder validator(Consumer<OutboundMessage> validator) {
      this.validator = requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Delays every answer.
     *
     * @param latency answer after this delay on the client's scheduler; default none
     * @return this builder
     */
    public Builder latency(Duration latency) {
      this.latency = requireNonNull(latency, "latency");
      return this;
    }

    /**
     * Sets the default answer.
     *
     * @param result the answer when nothing else is scripted; default sent
     * @return this builder
     */
    public Builder respondByDefault(DeliveryResult result) {
      this.fallback = requireNonNull(result, "result");
      return this;
    }

    /** {@return the channel} */
    public RecordingChannel build() {
      return new RecordingChannel(this);
    }
  }
}
