package dev.notify.internal.engine;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's call to a channel, bounded by the lane's attempt deadline: whichever of the
 * channel's answer and the deadline comes first decides the attempt, exactly once, and the other
 * is dropped. The deadline is set before the channel is called, so it runs from the start of the
 * attempt whatever the channel does (block, throw, return null, never complete).
 */
final class BoundedCall {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedCall.class);

  private BoundedCall() {
  }

  /**
   * Calls the channel and reports its answer, an exception, or "outcome unknown" at the deadline.
   *
   * @param answer gets the result or the failure, once, on whatever thread decided
   */
  static void start(Channel channel, Delivery delivery, ChannelContext context,
      Scheduler scheduler, Clock clock, Duration deadline,
      BiConsumer<@Nullable DeliveryResult, @Nullable Throwable> answer) {
    AtomicBoolean decided = new AtomicBoolean();
    Scheduler.Scheduled timer = scheduler.scheduleAt(() -> {
      if (decided.compareAndSet(false, true)) {
        answer.accept(DeliveryResult.outcomeUnknown("no answer from channel '" + channel.name()
            + "' within " + deadline + " (the attempt deadline); the provider may have received"
            + " it"), null);
      }
    }, clock.instant().plus(deadline), clock);
    CompletionStage<DeliveryResult> stage;
    try {
      stage = channel.send(delivery, context);
      if (stage == null) {
        stage = CompletableFuture.failedFuture(
            new NullPointerException(channel.getClass().getName() + ".send returned null"));
      }
    } catch (RuntimeException | Error e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((result, error) -> {
      if (decided.compareAndSet(false, true)) {
        timer.cancel();
        answer.accept(result, error);
      } else {
        LOG.debug("{} answered {} after its attempt deadline; ignored", delivery.id(),
            result != null ? result.getClass().getSimpleName() : error);
      }
    });
  }
}
