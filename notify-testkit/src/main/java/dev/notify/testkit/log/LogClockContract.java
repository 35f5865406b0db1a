package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.failure;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.status.DeliveryState;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of the log's time ({@link dev.notify.spi.log.NotificationLog#now}): whether a
 * delivery is due is decided by the log's clock, a relative due time counts from it, and the log
 * stamps every change with it. The clock here is the kit's manual clock, which the log was
 * created with.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class LogClockContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public LogClockContract() {
  }

  @Test
  void nowIsTheLogsClock() {
    assertThat(log.now()).isEqualTo(t(0));
    at(42);
    assertThat(log.now()).isEqualTo(t(42));
  }

  @Test
  void aScheduledDeliveryIsDueByTheLogsClock() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.SCHEDULED, t(10)).build());
    heartbeat("a");
    at(9);

    assertThat(log.hasDue(EMAIL, "a")).isFalse();
    assertThat(log.claimDue(EMAIL, "a", 10)).isEmpty();
    at(10);
    assertThat(log.hasDue(EMAIL, "a")).isTrue();
    assertThat(log.claimDue(EMAIL, "a", 10)).hasSize(1);
  }

  @Test
  void aQueuedDeliveryIsDueAtOnceWhateverDueTimeItWasGiven() {
    at(5);
    log.append(notification("future").delivery(EMAIL, DeliveryState.QUEUED, t(3600)).build());
    log.append(notification("past").delivery(EMAIL, DeliveryState.QUEUED, t(-3600)).build());

    assertThat(delivery("future/1").dueAt()).isEqualTo(t(5));
    assertThat(delivery("past/1").dueAt()).isEqualTo(t(5));
    assertThat(log.claimDue(EMAIL, "a", 10)).hasSize(2);
  }

  @Test
  void aRetryDelayCountsFromTheLogsClock() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.heartbeat("a", Duration.ofMinutes(10));
    Fence fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    at(100);

    log.transition("n1/1", fence,
        DeliveryUpdate.retryScheduled(failure(1, t(0)), Duration.ofSeconds(30)));

    assertThat(delivery("n1/1").dueAt()).as("from the log's now, not the attempt's time")
        .isEqualTo(t(130));
    at(129);
    assertThat(log.hasDue(EMAIL, "b")).isFalse();
    at(130);
    assertThat(log.hasDue(EMAIL, "b")).isTrue();
  }

  @Test
  void theLogStampsEveryChangeWithItsTime() {
    at(3);
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.SCHEDULED, t(60)).build());
    assertThat(delivery("n1/1").updatedAt()).as("append").isEqualTo(t(3));
    log.heartbeat("a", Duration.ofMinutes(10));
    at(7);
    Fence fence = claimOne(EMAIL, "a").delivery().fence().orElseThrow();
    assertThat(delivery("n1/1").updatedAt()).as("claim").isEqualTo(t(7));
    at(9);
    log.transition("n1/1", fence, DeliveryUpdate.sending());
    assertThat(delivery("n1/1").updatedAt()).as("transition").isEqualTo(t(9));
    at(11);
    log.cancel("n1");
    assertThat(delivery("n1/2").updatedAt()).as("cancel").isEqualTo(t(11));
    at(13);
    log.releaseAll("a", Set.of());
    assertThat(delivery("n1/1").updatedAt()).as("release").isEqualTo(t(13));
  }
}
