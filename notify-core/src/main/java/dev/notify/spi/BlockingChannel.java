package dev.notify.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A channel whose provider client blocks the calling thread: firebase-admin, twilio-java, SMTP.
 * Implement {@link #sendBlocking}; the engine runs it on the lane's blocking pool, one thread per
 * send in flight (at most the lane's {@code maxInFlight}), apart from the lane's threads that
 * handle results, the claimer and the scheduler.
 *
 * <h2>Deadline</h2>
 * Each attempt is bounded by the lane's attempt deadline
 * ({@link dev.notify.policy.LaneOptions#withAttemptTimeout}). When it passes, the attempt ends as
 * "outcome unknown" (the provider may have received it; it is retried under the retry policy) and
 * the sending thread is interrupted. A client that ignores interrupts keeps its thread until it
 * returns; the pool allows as many such threads again as the lane has places in flight, then
 * answers retryable. Set the client's own connect and read timeouts below the deadline.
 *
 * <pre>{@code
 * final class SmtpChannel implements BlockingChannel {
 *   public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context)
 *       throws Exception {
 *     try (Transport t = pool.borrow()) {
 *       t.sendMessage(toMime(delivery.message()), recipients(delivery));
 *       return DeliveryResult.sent(messageId(delivery));
 *     } catch (SMTPSendFailedException e) {
 *       return classify(e);
 *     }
 *   }
 *   // name(), type(), validate(...)
 * }
 * }</pre>
 */
public interface BlockingChannel extends Channel {

  /**
   * Sends one delivery, blocking until the provider answers. Runs on the lane's blocking pool.
   *
   * @param delivery what to send and to whom
   * @param context the lane's executors, scheduler, clock and receipt sink
   * @return the classified result
   * @throws Exception anything the client throws that was not classified; counted as a
   *     retryable error
   */
  DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) throws Exception;

  /**
   * Runs {@link #sendBlocking} on the context's {@link ChannelContext#blockingExecutor()}. The
   * engine does not call this: it runs {@code sendBlocking} on the lane's blocking pool under the
   * attempt deadline itself. It serves callers outside the engine (a compatibility kit, a test).
   *
   * @param delivery what to send and to whom
   * @param context the lane's executors, scheduler, clock and receipt sink
   * @return a stage that completes with the result
   */
  @Override
  default CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return sendBlocking(delivery, context);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, context.blockingExecutor());
  }
}
