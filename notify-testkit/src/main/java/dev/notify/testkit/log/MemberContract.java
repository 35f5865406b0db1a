package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.claimedWithId;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#members}: a broadcast's members are
 * counted by the summary of their deliveries as they are appended, change, are replayed and are
 * purged; the parent id is kept on the record.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class MemberContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public MemberContract() {
  }

  @Test
  void membersAreCountedByStateAsTheirDeliveriesFinish() {
    assertThat(log.members("launch")).isEqualTo(GroupMembers.NONE);
    log.append(notification("launch:a").memberOf("launch")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("launch:b").memberOf("launch")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .build());
    log.append(notification("launch:c").memberOf("launch")
        .delivery(EMAIL, DeliveryState.SUPPRESSED, t(0)).build());
    log.append(notification("other").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());

    assertThat(log.members("launch")).isEqualTo(new GroupMembers(3,
        Map.of(NotificationState.PENDING, 2L, NotificationState.SUPPRESSED, 1L)));
    assertThat(log.find("launch:b").orElseThrow().parentId()).isEqualTo("launch");
    assertThat(log.find("other").orElseThrow().parentId()).isNull();

    heartbeat("owner");
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "owner", 10);
    sent(claimedWithId(claimed, "launch:a/1"), "pm-a");
    sent(claimedWithId(claimed, "launch:b/1"), "pm-b");
    assertThat(log.members("launch").byState()).isEqualTo(Map.of(NotificationState.SENT, 1L,
        NotificationState.PENDING, 1L, NotificationState.SUPPRESSED, 1L));

    DeliveryRecord secondOfB = claimedWithId(claimed, "launch:b/2");
    assertThat(log.transition(secondOfB.id(), secondOfB.fence().orElseThrow(),
        DeliveryUpdate.ended(DeliveryState.FAILED, "bounced"))).isTrue();
    GroupMembers finished = log.members("launch");
    assertThat(finished.total()).isEqualTo(3);
    assertThat(finished.pending()).isZero();
    assertThat(finished.byState()).isEqualTo(Map.of(NotificationState.SENT, 1L,
        NotificationState.PARTIALLY_SENT, 1L, NotificationState.SUPPRESSED, 1L));
  }

  @Test
  void aReplayedMemberIsPendingAgainAndAPurgedOneIsNoLongerCounted() {
    log.append(notification("drop:a").memberOf("drop")
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    dead(claimOne(EMAIL, "owner").delivery());
    assertThat(log.members("drop").byState()).isEqualTo(Map.of(NotificationState.FAILED, 1L));

    assertThat(log.replay("drop:a")).hasSize(1);
    assertThat(log.members("drop").byState()).isEqualTo(Map.of(NotificationState.PENDING, 1L));

    log.cancel("drop:a");
    assertThat(log.members("drop").byState()).isEqualTo(Map.of(NotificationState.CANCELLED, 1L));
    at(5);
    assertThat(log.purge(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(log.members("drop")).isEqualTo(GroupMembers.NONE);
  }
}
