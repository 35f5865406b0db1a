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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#expand}: a claimed user placeholder is
 * replaced, atomically and only under its fence, by the deliveries it resolved to; QUEUED ones
 * are due at once by the log's clock.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ExpandContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ExpandContract() {
  }

  @BeforeEach
  void ownersAreLive() {
    heartbeat("a", "b");
  }

  private ClaimedDelivery appendAndClaimPlaceholder() {
    Notification n = Notification.builder().id("u1").to(Recipient.user("42")).body("hi").build();
    DeliveryRecord placeholder = DeliveryRecord.create("u1/1", "u1",
        DeliveryRecord.RESOLVE_CHANNEL, Recipient.user("42"), Priority.NORMAL,
        DeliveryState.QUEUED, t(0), null, t(0));
    log.append(new NotificationRecord(n, "h", t(0), List.of(placeholder)));
    List<ClaimedDelivery> claimed = log.claimDue(DeliveryRecord.RESOLVE_CHANNEL, "a", 10);
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).delivery().isPlaceholder()).isTrue();
    return claimed.get(0);
  }

  private static DeliveryRecord resolved(String id, String address) {
    return DeliveryRecord.create(id, "u1", EMAIL, Recipient.email(address), "42",
        Priority.NORMAL, DeliveryState.QUEUED, t(600), null, t(0));
  }

  @Test
  void expandReplacesTheClaimedPlaceholderWithItsDeliveriesDueAtOnce() {
    Fence fence = appendAndClaimPlaceholder().delivery().fence().orElseThrow();
    at(2);

    boolean expanded = log.expand("u1/1", fence, List.of(resolved("u1/1.1", "a@example.com"),
        resolved("u1/1.2", "b@example.com")));

    assertThat(expanded).isTrue();
    NotificationRecord after = log.find("u1").orElseThrow();
    assertThat(after.deliveries()).extracting(DeliveryRecord::id)
        .containsExactly("u1/1.1", "u1/1.2");
    assertThat(after.deliveries()).allSatisfy(d -> {
      assertThat(d.userId()).isEqualTo("42");
      assertThat(d.owner()).isNull();
      assertThat(d.dueAt()).isEqualTo(t(2));
      assertThat(d.updatedAt()).isEqualTo(t(2));
    });
    assertThat(log.claimDue(EMAIL, "b", 10)).hasSize(2);
    at(100);
    assertThat(log.claimDue(DeliveryRecord.RESOLVE_CHANNEL, "b", 10)).isEmpty();
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
  void expandRepeatedAfterItWasAppliedReturnsFalse() {
    Fence fence = appendAndClaimPlaceholder().delivery().fence().orElseThrow();
    List<DeliveryRecord> replacements = List.of(resolved("u1/1.1", "a@example.com"));
    assertThat(log.expand("u1/1", fence, replacements)).isTrue();

    assertThat(log.expand("u1/1", fence, replacements)).isFalse();

    assertThat(log.find("u1").orElseThrow().deliveries()).extracting(DeliveryRecord::id)
        .containsExactly("u1/1.1");
  }

  @Test
  void aNotificationFinishesOnlyWhenItsExpandedDeliveriesDo() {
    ClaimedDelivery placeholder = appendAndClaimPlaceholder();
    log.expand("u1/1", placeholder.delivery().fence().orElseThrow(),
        List.of(resolved("u1/1.1", "a@example.com")));
    assertThat(log.find("u1").orElseThrow().isFinal()).isFalse();

    ClaimedDelivery d = claimOne(EMAIL, "a");
    log.transition(d.delivery().id(), d.delivery().fence().orElseThrow(),
        DeliveryUpdate.ended(DeliveryState.CANCELLED, "test"));
    assertThat(log.find("u1").orElseThrow().isFinal()).isTrue();
    at(5);
    assertThat(log.purge(Duration.ofSeconds(4))).isEqualTo(1);
  }
}
