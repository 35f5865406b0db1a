package dev.notify.bench.scenario;

import dev.notify.ChannelType;
import dev.notify.bench.harness.Meter;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * An email channel that answers SENT at once: the pipeline's provider. If the message carries
 * the metadata {@value #SENT_AT} (a System.nanoTime from the sender), it records the latency from
 * there to this answer in the current {@link Meter}.
 */
final class NoopChannel implements Channel {
  /** The metadata key of the send's System.nanoTime. */
  static final String SENT_AT = "bench.sentAt";
  private static final CompletionStage<DeliveryResult> SENT =
      CompletableFuture.completedFuture(DeliveryResult.sent(null));

  private final LongAdder sends = new LongAdder();
  private volatile Meter meter;
  private volatile long lastAnswer;

  @Override
  public String name() {
    return "email";
  }

  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }

  @Override
  public void validate(OutboundMessage message) {
  }

  @Override
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    String sentAt = delivery.message().metadata().get(SENT_AT);
    Meter m = meter;
    if (sentAt != null && m != null) {
      m.since(Long.parseLong(sentAt));
    }
    sends.increment();
    lastAnswer = System.nanoTime();
    return SENT;
  }

  /** Records latencies in this meter from now on. @param m the round's meter */
  void meter(Meter m) {
    meter = m;
  }

  /** {@return sends answered so far} */
  long sends() {
    return sends.sum();
  }

  /** {@return the System.nanoTime of the last answer} */
  long lastAnswer() {
    return lastAnswer;
  }
}
