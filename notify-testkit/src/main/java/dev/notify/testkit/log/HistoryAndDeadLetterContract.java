package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.claimedWithId;
import static dev.notify.testkit.log.LogFixtures.idsOf;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Recipient;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.status.DeliveryState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#history} and
 * {@link dev.notify.spi.log.NotificationLog#deadLetters}: both list newest first, honour the limit and
 * their filter, and a replayed notification leaves the dead letters.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class HistoryAndDeadLetterContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public HistoryAndDeadLetterContract() {
  }

  @Test
  void historyListsTheNotificationsOfARecipientNewestFirst() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    Recipient.Address bob = Recipient.phone("+14155550100");
    log.append(notification("a1").to(alice).acceptedAt(t(1)).build());
    log.append(notification("b1").to(bob).acceptedAt(t(2)).build());
    log.append(notification("ab").to(alice, bob).acceptedAt(t(3)).build());
    log.append(notification("a2").to(alice).acceptedAt(t(4)).build());

    assertThat(idsOf(log.history(alice.key(), 10))).containsExactly("a2", "ab", "a1");
    assertThat(idsOf(log.history(bob.key(), 10))).containsExactly("ab", "b1");
  }

  @Test
  void historyHonoursTheLimit() {
    Recipient.Address alice = Recipient.email("alice@example.com");
    for (int i = 0; i < 5; i++) {
      log.append(notification("n" + i).to(alice).acceptedAt(t(i)).build());
    }

    assertThat(idsOf(log.history(alice.key(), 2))).containsExactly("n4", "n3");
  }

  @Test
  void historyKeysUsersAndGroupsToo() {
    log.append(notification("n1").to(Recipient.user("u-1"), Recipient.group("g-1")).build());

    assertThat(idsOf(log.history(Recipient.user("u-1").key(), 10))).containsExactly("n1");
    assertThat(idsOf(log.history(Recipient.group("g-1").key(), 10))).containsExactly("n1");
  }

  @Test
  void historyOfAnUnknownRecipientIsEmpty() {
    assertThat(log.history("email:nobody@example.com", 10)).isEmpty();
  }

  @Test
  void deadLettersListsNotificationsWithADeadDeliveryMostRecentlyUpdatedFirst() {
    log.append(notification("ok").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("early").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("late").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("failed").delivery(EMAIL, DeliveryState.FAILED, t(0)).build());
    heartbeat("a");
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);
    at(5);
    dead(claimedWithId(claimed, "early/1"));
    at(7);
    sent(claimedWithId(claimed, "ok/1"), "pm-ok");
    at(9);
    dead(claimedWithId(claimed, "late/1"));

    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("late", "early");
    assertThat(idsOf(log.deadLetters(null, 1))).containsExactly("late");
  }

  @Test
  void deadLettersFiltersByChannel() {
    log.append(notification("by-email").delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("by-sms").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    log.append(notification("both").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    heartbeat("a");
    List<ClaimedDelivery> email = log.claimDue(EMAIL, "a", 10);
    List<ClaimedDelivery> sms = log.claimDue(SMS, "a", 10);
    at(2);
    dead(claimedWithId(sms, "both/2"));
    at(4);
    dead(claimedWithId(email, "by-email/1"));
    at(6);
    dead(claimedWithId(sms, "by-sms/1"));
    at(8);
    dead(claimedWithId(email, "both/1"));

    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactly("both", "by-email");
    assertThat(idsOf(log.deadLetters(SMS, 10))).containsExactly("by-sms", "both");
    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("both", "by-sms", "by-email");
    assertThat(log.deadLetters("push", 10)).isEmpty();
  }

  @Test
  void aReplayedNotificationLeavesTheDeadLetters() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.DEAD, t(0)).build());
    at(1);
    log.append(notification("n2").delivery(EMAIL, DeliveryState.DEAD, t(1)).build());
    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactly("n2", "n1");
    at(5);

    log.replay("n1");

    assertThat(idsOf(log.deadLetters(EMAIL, 10))).containsExactly("n2");
    assertThat(idsOf(log.deadLetters(null, 10))).containsExactly("n2");
  }
}
