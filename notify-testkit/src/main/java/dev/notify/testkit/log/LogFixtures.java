package dev.notify.testkit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Records, instants and log operations for tests of a {@link NotificationLog}: what the contract
 * suites of {@code NotificationLogCompatibilityKit} are written with, and what an implementation's
 * own tests can use too.
 *
 * <pre>{@code
 * import static dev.notify.testkit.log.LogFixtures.*;
 *
 * ManualTime time = ManualTime.startingAt(T0);
 * NotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
 * log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
 * log.heartbeat("worker-1", LEASE);
 * ClaimedDelivery claimed = claimOne(log, EMAIL, "worker-1");
 * time.advanceTo(t(2));
 * sent(log, claimed.delivery(), "provider-id-1");
 * }</pre>
 *
 * <p>Time never passes by itself: the log's clock is a {@link dev.notify.testkit.ManualTime}
 * that starts at {@link #T0} and moves only when a test moves it, so a test is never slow and
 * never flaky.
 */
public final class LogFixtures {

  /** The instant the tests count from. */
  public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  /** The channel most tests use. */
  public static final String EMAIL = "email";
  /** A second channel. */
  public static final String SMS = "sms";
  /** The instance lease the tests heart-beat with. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  private LogFixtures() {
  }

  /**
   * {@return {@link #T0} plus this many seconds}
   *
   * @param seconds seconds after {@link #T0}
   */
  public static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /**
   * {@return a builder of a record accepted at {@link #T0}, to a generated email address, with
   * NORMAL priority and no deliveries until some are added}
   *
   * @param id the notification id; its deliveries get ids {@code <id>/1}, {@code <id>/2}, …
   */
  public static RecordBuilder notification(String id) {
    return new RecordBuilder(id);
  }

  /**
   * {@return a receipt saying the message was delivered}
   *
   * @param at when it was delivered
   */
  public static Receipt delivered(Instant at) {
    return new Receipt(Receipt.Kind.DELIVERED, at, "delivered");
  }

  /**
   * {@return a retryable failed attempt}
   *
   * @param number the attempt's number, from 1
   * @param at when it was made
   */
  public static Attempt failure(int number, Instant at) {
    return new Attempt(number, at, Outcome.RETRYABLE, "503 try later", null);
  }

  /**
   * {@return the delivery stored in the log with this id ({@code <notification id>/<n>})}
   *
   * @param log the log under test
   * @param deliveryId the delivery's id
   */
  public static DeliveryRecord delivery(NotificationLog log, String deliveryId) {
    String notificationId = deliveryId.substring(0, deliveryId.lastIndexOf('/'));
    return log.find(notificationId).orElseThrow().delivery(deliveryId).orElseThrow();
  }

  /**
   * Claims exactly one due delivery of the channel, or fails.
   *
   * @param log the log under test
   * @param channel the channel's name
   * @param owner the claiming instance
   * @return the claimed delivery
   */
  public static ClaimedDelivery claimOne(NotificationLog log, String channel, String owner) {
    List<ClaimedDelivery> claimed = log.claimDue(channel, owner, 1);
    assertThat(claimed).as("deliveries of %s claimable by %s at %s", channel, owner, log.now())
        .hasSize(1);
    return claimed.get(0);
  }

  /**
   * Moves a claimed delivery to SENDING and then SENT with this provider message id, with an
   * attempt made at the log's current time.
   *
   * @param log the log under test
   * @param claimed the delivery as claimed, with its fence
   * @param providerMessageId the provider's id to record
   */
  public static void sent(NotificationLog log, DeliveryRecord claimed,
      String providerMessageId) {
    Fence fence = claimed.fence().orElseThrow();
    assertThat(log.transition(claimed.id(), fence, DeliveryUpdate.sending())).isTrue();
    assertThat(log.transition(claimed.id(), fence, DeliveryUpdate.sent(
        sentAttempt(claimed.attemptCount() + 1, log.now(), providerMessageId)))).isTrue();
  }

  /**
   * Moves a claimed delivery to DEAD after a retryable failure at the log's current time.
   *
   * @param log the log under test
   * @param claimed the delivery as claimed, with its fence
   */
  public static void dead(NotificationLog log, DeliveryRecord claimed) {
    Attempt attempt = failure(claimed.attemptCount() + 1, log.now());
    assertThat(log.transition(claimed.id(), claimed.fence().orElseThrow(),
        DeliveryUpdate.failed(DeliveryState.DEAD, attempt, "gave up"))).isTrue();
  }

  /**
   * {@return an attempt the provider accepted}
   *
   * @param number the attempt's number, from 1
   * @param at when it was made
   * @param providerMessageId the provider's id for the message
   */
  public static Attempt sentAttempt(int number, Instant at, String providerMessageId) {
    return new Attempt(number, at, Outcome.SENT, null, providerMessageId);
  }

  /**
   * Asserts that a record read back from the log is the one stored.
   * {@link dev.notify.Notification} has no {@code equals}, so the comparison goes field by field: a
   * durable log returns a new instance.
   *
   * @param actual the record read back
   * @param expected the record stored
   */
  public static void assertSameRecord(NotificationRecord actual, NotificationRecord expected) {
    assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
  }

  /**
   * {@return the claimed delivery with this id, or fails}
   *
   * @param claimed the result of a claim
   * @param deliveryId the delivery's id
   */
  public static DeliveryRecord claimedWithId(List<ClaimedDelivery> claimed, String deliveryId) {
    return claimed.stream().map(ClaimedDelivery::delivery).filter(d -> d.id().equals(deliveryId))
        .findFirst().orElseThrow(() -> new AssertionError(deliveryId + " was not claimed"));
  }

  /**
   * {@return the fence of the claimed delivery with this id, or fails}
   *
   * @param claimed the result of a claim
   * @param deliveryId the delivery's id
   */
  public static Fence fenceOf(List<ClaimedDelivery> claimed, String deliveryId) {
    return claimedWithId(claimed, deliveryId).fence().orElseThrow();
  }

  /**
   * {@return the notification ids, in order}
   *
   * @param records the notifications
   */
  public static List<String> idsOf(List<NotificationRecord> records) {
    return records.stream().map(NotificationRecord::id).toList();
  }

  /**
   * {@return the delivery ids, in order}
   *
   * @param claimed the result of a claim
   */
  public static List<String> ids(List<ClaimedDelivery> claimed) {
    return claimed.stream().map(c -> c.delivery().id()).toList();
  }

  /**
   * A task run by one of {@link #runConcurrently}'s threads.
   *
   * @param <T> the task's result type
   */
  @FunctionalInterface
  public interface ConcurrentTask<T> {
    /**
     * {@return the thread's result}
     *
     * @param thread the thread's number, from 0
     * @throws Exception anything; it fails {@link #runConcurrently}
     */
    T run(int thread) throws Exception;
  }

  /**
   * Runs the task on {@code threads} threads released at once, and waits up to a minute for all.
   *
   * @param <T> the tasks' result type
   * @param threads how many threads
   * @param task what each thread runs, given its number
   * @return each thread's result, by thread number
   * @throws Exception a task's failure, wrapped in an
   *     {@link java.util.concurrent.ExecutionException}, or a timeout
   */
  public static <T> List<T> runConcurrently(int threads, ConcurrentTask<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.run(thread);
        }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(1, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
