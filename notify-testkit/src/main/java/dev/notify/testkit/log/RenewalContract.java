package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.fenceOf;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.Fence;
import dev.notify.status.DeliveryState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#renew}: held leases are extended, leases
 * lost to another owner are reported, and a renewed lease is not taken over before it expires.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class RenewalContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public RenewalContract() {
  }

  @Test
  void renewExtendsHeldLeasesAndReturnsTheLostIds() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("n2").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", t(0), t(30), 10);
    Fence held = fenceOf(claimed, "n1/1");
    Fence other = fenceOf(claimed, "n1/2");
    Fence takenOver = claimOne(SMS, "a", t(0)).delivery().fence().orElseThrow();
    claimOne(SMS, "b", t(30));

    Set<String> lost = log.renew(Map.of("n1/1", held, "n1/2", new Fence("b", other.seq()),
        "n2/1", takenOver, "unknown/1", new Fence("a", 1)), t(90));

    assertThat(lost).containsExactlyInAnyOrder("n1/2", "n2/1", "unknown/1");
    assertThat(delivery("n1/1").leaseUntil()).isEqualTo(t(90));
    assertThat(delivery("n1/1").fence()).contains(held);
    assertThat(delivery("n1/2").leaseUntil()).isEqualTo(t(30));
    assertThat(delivery("n2/1").owner()).isEqualTo("b");
    assertThat(delivery("n2/1").leaseUntil()).isEqualTo(t(60));
  }

  @Test
  void aRenewedLeaseIsNotTakenOverUntilItExpires() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence fence = claimOne(EMAIL, "a", t(0)).delivery().fence().orElseThrow();

    assertThat(log.renew(Map.of("n1/1", fence), t(90))).isEmpty();

    assertThat(log.claimDue(EMAIL, "b", t(60), t(120), 10)).isEmpty();
    assertThat(claimOne(EMAIL, "b", t(90)).delivery().owner()).isEqualTo("b");
  }

  @Test
  void renewAfterATakeoverLosesTheDelivery() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    Fence old = claimOne(EMAIL, "a", t(0)).delivery().fence().orElseThrow();
    DeliveryRecord taken = claimOne(EMAIL, "b", t(30)).delivery();

    assertThat(log.renew(Map.of("n1/1", old), t(90))).containsExactly("n1/1");
    assertThat(delivery("n1/1")).isEqualTo(taken);
  }
}
