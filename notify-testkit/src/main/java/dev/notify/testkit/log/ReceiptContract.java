package dev.notify.testkit.log;

import static dev.notify.testkit.log.LogFixtures.SMS;
import static dev.notify.testkit.log.LogFixtures.claimedWithId;
import static dev.notify.testkit.log.LogFixtures.delivered;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.notify.spi.log.NotificationLog#recordReceipt}: a receipt lands on the
 * delivery sent with its provider message id, and an unknown id finds nothing.
 *
 * <p>Part of {@code NotificationLogCompatibilityKit}, which runs it as a nested suite; extend the
 * kit rather than this class.
 */
public abstract class ReceiptContract extends LogContract {

  /** For the nested suites of {@code NotificationLogCompatibilityKit}. */
  public ReceiptContract() {
  }

  @Test
  void recordReceiptAddsTheReceiptToTheDeliverySentWithThatProviderMessageId() {
    log.append(notification("n1").delivery(SMS, DeliveryState.QUEUED, t(0))
        .delivery(SMS, DeliveryState.QUEUED, t(0)).build());
    List<ClaimedDelivery> claimed = log.claimDue(SMS, "a", t(1), t(31), 10);
    sent(claimedWithId(claimed, "n1/1"), "pm-1", t(2));
    sent(claimedWithId(claimed, "n1/2"), "pm-2", t(2));
    Receipt receipt = delivered(t(10));

    DeliveryRecord updated = log.recordReceipt("pm-2", receipt).orElseThrow();

    assertThat(updated.id()).isEqualTo("n1/2");
    assertThat(updated.state()).isEqualTo(DeliveryState.SENT);
    assertThat(updated.receipts()).containsExactly(receipt);
    assertThat(delivery("n1/2")).isEqualTo(updated);
    assertThat(delivery("n1/1").receipts()).isEmpty();
    Receipt bounce = new Receipt(Receipt.Kind.UNDELIVERED, t(11), "bounced");
    assertThat(log.recordReceipt("pm-2", bounce).orElseThrow().receipts())
        .containsExactly(receipt, bounce);
  }

  @Test
  void recordReceiptOfAnUnknownProviderMessageIdFindsNothing() {
    assertThat(log.recordReceipt("unknown", delivered(t(0)))).isEmpty();
  }
}
