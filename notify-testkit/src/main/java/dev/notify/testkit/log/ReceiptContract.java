package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.claimedWithId;
import static dev.notify.testkit.log.LogFixtures.delivered;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#recordReceipt} and
 * {@link dev.notify.spi.log.NotificationLog#recordReceiptFor}: a receipt lands on the delivery of
 * its channel sent with its provider message id (or on the delivery with its id), a receipt
 * equal to one the delivery has is a duplicate, and a receipt that comes before its delivery's
 * SENT commit is kept (for at least an hour) and attached by that commit.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ReceiptContract extends LogContract {

  private static final ReceiptResult KEPT = new ReceiptResult.Kept();

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ReceiptContract() {
  }

  @BeforeEach
  void ownerIsLive() {
    log.heartbeat("a", Duration.ofHours(2));
  }

  @Test
  void recordReceiptAddsTheReceiptToTheDeliverySentWithThatProviderMessageId() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(SMS, "a", 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1");
    sent(claimedWithId(claimed, "n1/2"), "pm-2");
    Receipt receipt = delivered(t(10));

    ReceiptResult result = log.recordReceipt(SMS, "pm-2", receipt);

    DeliveryRecord updated = delivery("n1/2");
    assertThat(result).isEqualTo(new ReceiptResult.Recorded(updated));
    assertThat(updated.state()).isEqualTo(DeliveryState.SENT);
    assertThat(updated.receipts()).containsExactly(receipt);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    Receipt bounce = new Receipt(Receipt.Kind.UNDELIVERED, t(11), "bounced");
    assertThat(log.recordReceipt(SMS, "pm-2", bounce)).isInstanceOfSatisfying(
        ReceiptResult.Recorded.class,
        r -> assertThat(r.delivery().receipts()).containsExactly(receipt, bounce));
  }

  @Test
  void receiptsAreKeyedByChannelAndProviderMessageId() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    sent(claimOne(EMAIL, "a").delivery(), "same-id");
    sent(claimOne(SMS, "a").delivery(), "same-id");
    Receipt receipt = delivered(t(10));

    assertThat(log.recordReceipt(SMS, "same-id", receipt))
        .isInstanceOf(ReceiptResult.Recorded.class);

    assertThat(delivery("n1/2").receipts()).containsExactly(receipt);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    assertThat(log.recordReceipt("push", "same-id", receipt)).as("no push delivery")
        .isEqualTo(KEPT);
  }

  @Test
  void aReceiptEqualToOneTheDeliveryHasIsADuplicate() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    sent(claimOne(SMS, "a").delivery(), "pm-1");
    Receipt receipt = delivered(t(10));
    log.recordReceipt(SMS, "pm-1", receipt);
    DeliveryRecord once = delivery("n1/1");

    assertThat(log.recordReceipt(SMS, "pm-1", new Receipt(Receipt.Kind.DELIVERED, t(10),
        "delivered"))).isEqualTo(new ReceiptResult.Duplicate(once));
    assertThat(log.recordReceiptFor("n1/1", receipt))
        .isEqualTo(new ReceiptResult.Duplicate(once));

    assertThat(delivery("n1/1").receipts()).containsExactly(receipt);
  }

  @Test
  void aReceiptBeforeTheSentCommitIsKeptAndAttachedByIt() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(SMS, "a").delivery();
    Receipt early = delivered(t(1));

    assertThat(log.recordReceipt(SMS, "pm-1", early)).isEqualTo(KEPT);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    at(2);
    sent(claimed, "pm-1");

    DeliveryRecord d = delivery("n1/1");
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.receipts()).containsExactly(early);
    assertThat(log.recordReceipt(SMS, "pm-1", early))
        .isEqualTo(new ReceiptResult.Duplicate(d));
  }

  @Test
  void aKeptReceiptDeliveredTwiceIsAttachedOnce() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(SMS, "a").delivery();
    Receipt early = delivered(t(1));
    Receipt later = new Receipt(Receipt.Kind.UNDELIVERED, t(2), "handset off");

    assertThat(log.recordReceipt(SMS, "pm-1", early)).isEqualTo(KEPT);
    assertThat(log.recordReceipt(SMS, "pm-1", early)).isEqualTo(KEPT);
    assertThat(log.recordReceipt(SMS, "pm-1", later)).isEqualTo(KEPT);
    sent(claimed, "pm-1");

    assertThat(delivery("n1/1").receipts()).containsExactly(early, later);
  }

  @Test
  void aKeptReceiptIsAttachedOnlyOnItsChannel() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    Receipt early = delivered(t(1));
    log.recordReceipt(SMS, "same-id", early);

    sent(claimOne(EMAIL, "a").delivery(), "same-id");
    sent(claimOne(SMS, "a").delivery(), "same-id");

    assertThat(delivery("n1/1").receipts()).isEmpty();
    assertThat(delivery("n1/2").receipts()).containsExactly(early);
  }

  @Test
  void aKeptReceiptWaitsAtLeastAnHourByTheLogsClock() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    DeliveryRecord claimed = claimOne(SMS, "a").delivery();
    Receipt early = delivered(t(0));
    log.recordReceipt(SMS, "pm-1", early);
    at(3599);
    log.recordReceipt(SMS, "pm-other", delivered(t(3599)));

    sent(claimed, "pm-1");

    assertThat(delivery("n1/1").receipts()).containsExactly(early);
  }

  @Test
  void recordReceiptForAddsTheReceiptToTheDeliveryWithThatId() {
    log.append(notification("n1").delivery(EMAIL, DeliveryState.QUEUED, t(0))
        .delivery(EMAIL, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(EMAIL, "a", 10);
    sent(claimedWithId(claimed, "n1/2"), "pm-2");
    Receipt receipt = delivered(t(10));

    ReceiptResult result = log.recordReceiptFor("n1/2", receipt);

    assertThat(result).isEqualTo(new ReceiptResult.Recorded(delivery("n1/2")));
    assertThat(delivery("n1/2").receipts()).containsExactly(receipt);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    assertThat(log.recordReceiptFor("n1/2", receipt))
        .isEqualTo(new ReceiptResult.Duplicate(delivery("n1/2")));
  }

  @Test
  void recordReceiptForAnUnknownDeliveryIsUnknown() {
    assertThat(log.recordReceiptFor("unknown/1", delivered(t(0))))
        .isEqualTo(new ReceiptResult.Unknown());
  }

  @Test
  void aReceiptForAnIdNothingWasSentWithIsKept() {
    assertThat(log.recordReceipt(SMS, "unknown", delivered(t(0)))).isEqualTo(KEPT);
  }
}
