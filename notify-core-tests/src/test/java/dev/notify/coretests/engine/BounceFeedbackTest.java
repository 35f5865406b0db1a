package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Receipt;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A provider's later report that an address does not exist (an email hard bounce, 5.1.1) is
 * recorded like any receipt, and the directory forgets the user's address, as it does for an
 * address-invalid answer at send time.
 */
class BounceFeedbackTest {

  @Test
  void anAddressInvalidReceiptRemovesTheUsersAddressFromTheDirectory() {
    InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
    users.put(UserProfile.builder("42").email("gone@example.com").email("ada@example.com")
        .build());
    RecordingChannel email = RecordingChannel.builder("email").type(EMAIL).build()
        .respondTo("gone@example.com", DeliveryResult.sent("msg-gone"));
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .recipientDirectory(users).listener(events).build()) {
      finalStatus(client.send(Notification.builder().id("n1").to(Recipient.user("42"))
          .subject("Hi").text("Hello").build()));

      Receipt bounce = new Receipt(Receipt.Kind.ADDRESS_INVALID, Instant.now(), "5.1.1");
      assertThat(client.recordReceipt("email", "msg-gone", bounce)).isTrue();

      assertThat(events.awaitDeliveries(EventType.RECEIPT, 1, WAIT)).hasSize(1);
      assertThat(users.findUser("42").orElseThrow().addresses(EMAIL))
          .extracting(Recipient.Address::value).containsExactly("ada@example.com");
      DeliveryStatus bounced = client.status("n1").orElseThrow().deliveries().stream()
          .filter(d -> !d.receipts().isEmpty()).findFirst().orElseThrow();
      assertThat(bounced.receipts()).extracting(Receipt::kind)
          .containsExactly(Receipt.Kind.ADDRESS_INVALID);
    }
  }
}
