package dev.notify.internal.engine;

import dev.notify.spi.BlockingChannel;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
  /** Starts an attempt: on the blocking pool for a {@link BlockingChannel}, else by its send. */
  static void attempt(Channel channel, Delivery delivery, ChannelContext context,
      ExecutorService blockingPool, Scheduler scheduler, Clock clock, Duration deadline,
      BiConsumer<@Nullable DeliveryResult, @Nullable Throwable> answer) {
    if (channel instanceof BlockingChannel b) {
      startBlocking(b, delivery, context, blockingPool, scheduler, clock, deadline, answer);
    } else {
      start(channel, delivery, context, scheduler, clock, deadline, answer);
    }
  }

  static void start(Channel channel, Delivery delivery, ChannelContext context,
      Scheduler scheduler, Clock clock, Duration deadline,
      BiConsumer<@Nullable DeliveryResult, @Nullable Throwable> answer) {
    bound(channel.name(), delivery, () -> channel.send(delivery, context), () -> { }, scheduler,
        clock, deadline, answer);
  }

  /**
   * Runs a blocking channel's send on the lane's blocking pool; at the deadline the attempt is
   * outcome unknown and the sending thread is interrupted. A pool with no thread left (as many
   * stuck past their deadlines as the lane has places in flight) answers retryable.
   */
  static void startBlocking(BlockingChannel channel, Delivery delivery, ChannelContext context,
      ExecutorService pool, Scheduler scheduler, Clock clock, Duration deadline,
      BiConsumer<@Nullable DeliveryResult, @Nullable Throwable> answer) {
    CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
    AtomicReference<@Nullable Future<?>> task = new AtomicReference<>();
    bound(channel.name(), delivery, () -> {
      try {
        task.set(pool.submit(() -> {
          try {
            result.complete(channel.sendBlocking(delivery, context));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        }));
      } catch (RejectedExecutionException e) {
        result.complete(DeliveryResult.retryable("the blocking pool of channel '" + channel.name()
            + "' has no thread free: its sends are stuck past the attempt deadline"));
      }
      return result;
    }, () -> {
      Future<?> running = task.get();
      if (running != null) {
        running.cancel(true);
      }
    }, scheduler, clock, deadline, answer);
  }

  private static void bound(String channelName, Delivery delivery,
      Supplier<@Nullable CompletionStage<DeliveryResult>> call, Runnable atDeadline,
      Scheduler scheduler, Clock clock, Duration deadline,
      BiConsumer<@Nullable DeliveryResult, @Nullable Throwable> answer) {
    AtomicBoolean decided = new AtomicBoolean();
    Scheduler.Scheduled timer = scheduler.scheduleAt(() -> {
      if (decided.compareAndSet(false, true)) {
        atDeadline.run();
        answer.accept(DeliveryResult.outcomeUnknown("no answer from channel '" + channelName
            + "' within " + deadline + " (the attempt deadline); the provider may have received"
            + " it"), null);
      }
    }, clock.instant().plus(deadline), clock);
    CompletionStage<DeliveryResult> stage;
    try {
      stage = call.get();
      if (stage == null) {
        stage = CompletableFuture.failedFuture(
            new NullPointerException("channel '" + channelName + "': send returned null"));
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
