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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An email channel that answers SENT at a fixed pace: each send is answered at the next free
 * slot, one slot per {@code 1/rate} seconds, however many are in flight. Its rate is the
 * "sustainable rate" of the load-shape scenario: no client can carry more than its provider
 * answers.
 */
final class PacedChannel implements Channel {
  private final long periodNanos;
  private final ScheduledThreadPoolExecutor timer = Contexts.timer();
  private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
  private final AtomicLong sends = new AtomicLong();
  private volatile long lastAnswer;
  private volatile Meter meter;

  PacedChannel(int perSecond) {
    periodNanos = 1_000_000_000L / perSecond;
  }

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
    long now = System.nanoTime();
    long slot = nextSlot.getAndUpdate(s -> Math.max(s, now) + periodNanos);
    long at = Math.max(slot, now);
    String sentAt = delivery.message().metadata().get(NoopChannel.SENT_AT);
    CompletableFuture<DeliveryResult> answer = new CompletableFuture<>();
    timer.schedule(() -> {
      Meter m = meter;
      if (sentAt != null && m != null) {
        m.since(Long.parseLong(sentAt));
      }
      sends.incrementAndGet();
      lastAnswer = System.nanoTime();
      answer.complete(DeliveryResult.sent(null));
    }, at - now, TimeUnit.NANOSECONDS);
    return answer;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  void meter(Meter m) {
    meter = m;
  }

  long lastAnswer() {
    return lastAnswer;
  }
}
