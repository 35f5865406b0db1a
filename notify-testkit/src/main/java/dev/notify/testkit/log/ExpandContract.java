package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#expand}: a claimed user placeholder is
 * replaced, atomically and only under its fence, by the deliveries it resolved to.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ExpandContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ExpandContract() {
  }

  private ClaimedDelivery appendAndClaimPlaceholder() {
    Notification n = Notification.builder().id("u1").to(Recipient.user("42")).body("hi").build();
    DeliveryRecord placeholder = DeliveryRecord.create("u1/1", "u1",
        DeliveryRecord.RESOLVE_CHANNEL, Recipient.user("42"), Priority.NORMAL,
        DeliveryState.QUEUED, t(0), null, null, t(0));
    log.append(new NotificationRecord(n, "h", t(0), List.of(placeholder)));
    List<ClaimedDelivery> claimed = log.claimDue(DeliveryRecord.RESOLVE_CHANNEL, "a", t(1),
        t(31), 10);
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).delivery().isPlaceholder()).isTrue();
    return claimed.get(0);
  }

  private static DeliveryRecord resolved(String id, String address) {
    return DeliveryRecord.create(id, "u1", EMAIL, Recipient.email(address), "42",
        Priority.NORMAL, DeliveryState.QUEUED, t(2), null, null, t(2));
  }

  @Test
  void expandReplacesTheClaimedPlaceholderWithItsDeliveries() {
    ClaimedDelivery placeholder = appendAndClaimPlaceholder();
    Fence fence = placeholder.delivery().fence().orElseThrow();

    boolean expanded = log.expand("u1/1", fence, List.of(resolved("u1/1.1", "a@example.com"),
        resolved("u1/1.2", "b@example.com")));

    assertThat(expanded).isTrue();
    NotificationRecord after = log.find("u1").orElseThrow();
    assertThat(after.deliveries()).extracting(DeliveryRecord::id)
        .containsExactly("u1/1.1", "u1/1.2");
    assertThat(after.deliveries()).allSatisfy(d -> {
      assertThat(d.userId()).isEqualTo("42");
      assertThat(d.owner()).isNull();
    });
    assertThat(log.claimDue(EMAIL, "b", t(3), t(33), 10)).hasSize(2);
    assertThat(log.claimDue(DeliveryRecord.RESOLVE_CHANNEL, "b", t(100), t(130), 10)).isEmpty();
  }

  @Test
  void expandWithAStaleFenceChangesNothing() {
    ClaimedDelivery placeholder = appendAndClaimPlaceholder();
    Fence stale = new Fence("a", placeholder.delivery().leaseSeq() - 1);

    assertThat(log.expand("u1/1", stale, List.of(resolved("u1/1.1", "a@example.com"))))
        .isFalse();
    assertThat(log.find("u1").orElseThrow().deliveries()).extracting(DeliveryRecord::id)
        .containsExactly("u1/1");
  }

  @Test
  void aNotificationFinishesOnlyWhenItsExpandedDeliveriesDo() {
    ClaimedDelivery placeholder = appendAndClaimPlaceholder();
    log.expand("u1/1", placeholder.delivery().fence().orElseThrow(),
        List.of(resolved("u1/1.1", "a@example.com")));
    assertThat(log.find("u1").orElseThrow().isFinal()).isFalse();

    ClaimedDelivery d = log.claimDue(EMAIL, "a", t(3), t(33), 1).get(0);
    log.transition(d.delivery().id(), d.delivery().fence().orElseThrow(),
        DeliveryUpdate.ended(DeliveryState.CANCELLED, "test", t(4)));
    assertThat(log.find("u1").orElseThrow().isFinal()).isTrue();
    assertThat(log.purge(t(5))).isEqualTo(1);
  }
}
