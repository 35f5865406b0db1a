package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Receipt;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.SmtpPeer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bounces (RFC 3464) read back into receipts, and recorded through a client. */
class DsnParserTest {
  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  /** A hard bounce as Postfix writes it, returning the original's headers. */
  static String bounce(String messageId, String action, String status) {
    return String.join("\r\n",
        "From: MAILER-DAEMON@mx.example.org",
        "To: notify@example.com",
        "Subject: Undelivered Mail Returned to Sender",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"",
        "",
        "--BOUNDARY",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "I'm sorry to have to inform you that your message could not be delivered.",
        "",
        "--BOUNDARY",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.org",
        "Arrival-Date: Mon, 30 Nov 2026 10:00:00 +0000",
        "",
        "Final-Recipient: rfc822; ada@example.com",
        "Original-Recipient: rfc822;ada@example.com",
        "Action: " + action,
        "Status: " + status,
        "Remote-MTA: dns; mail.example.com",
        "Diagnostic-Code: smtp; 550 5.1.1 <ada@example.com>: Recipient address",
        "    rejected: User unknown in virtual mailbox table",
        "",
        "--BOUNDARY",
        "Content-Type: text/rfc822-headers",
        "",
        "From: Notify <notify@example.com>",
        "To: ada@example.com",
        "Subject: Your order",
        "Message-ID: " + messageId,
        "",
        "--BOUNDARY--",
        "");
  }

  private static List<Bounce> parse(String raw) {
    return DsnParser.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aHardBounceIsAnInvalidAddressWithTheOriginalMessageId() {
    List<Bounce> bounces = parse(bounce("<order-42/0@example.com>", "failed", "5.1.1"));
    assertThat(bounces).hasSize(1);
    Bounce b = bounces.get(0);
    assertThat(b.recipient()).isEqualTo("ada@example.com");
    assertThat(b.originalMessageId()).isEqualTo("<order-42/0@example.com>");
    assertThat(b.permanent()).isTrue();
    assertThat(b.addressInvalid()).isTrue();
    assertThat(b.diagnostic()).startsWith("550 5.1.1").contains("User unknown");
    assertThat(b.receipt(Instant.EPOCH)).hasValueSatisfying(r -> {
      assertThat(r.kind()).isEqualTo(Receipt.Kind.ADDRESS_INVALID);
      assertThat(r.detail()).startsWith("5.1.1 550 5.1.1");
    });
    assertThat(b.toString()).doesNotContain("ada@example.com");
  }

  @Test
  void aDelayIsNoReceiptAndAMailboxFullIsNoInvalidAddress() {
    Bounce delayed = parse(bounce("<n/0@example.com>", "delayed", "4.4.1")).get(0);
    assertThat(delayed.receipt(Instant.EPOCH)).isEmpty();
    assertThat(delayed.permanent()).isFalse();
    Bounce full = parse(bounce("<n/0@example.com>", "failed", "5.2.2")).get(0);
    assertThat(full.permanent()).isTrue();
    assertThat(full.addressInvalid()).isFalse();
    assertThat(full.receipt(Instant.EPOCH)).map(Receipt::kind).hasValue(Receipt.Kind.UNDELIVERED);
  }

  @Test
  void anOrdinaryMessageIsNoReport() {
    assertThat(parse("From: a@example.com\r\nSubject: hi\r\n\r\nHello\r\n")).isEmpty();
  }

  @Test
  void aBounceIsRecordedAgainstTheSentDeliveryThroughTheClient(SmtpPeer peer) throws Exception {
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.plain(peer).build()).build()) {
      DeliveryStatus sent = client.send(Notification.builder().id("order-42")
              .to(Recipient.email("ada@example.com")).subject("Your order").text("Shipped")
              .build()).completion().get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(sent.state()).isEqualTo(DeliveryState.SENT);

      Bounce b = parse(bounce(sent.providerMessageId(), "failed", "5.1.1")).get(0);
      Receipt receipt = b.receipt(Instant.now()).orElseThrow();
      assertThat(client.recordReceipt("email", b.originalMessageId(), receipt)).isTrue();
      assertThat(client.recordReceipt("email", b.originalMessageId(), receipt))
          .as("a redelivered bounce is recorded once").isFalse();

      DeliveryStatus after = client.status("order-42").orElseThrow().deliveries().get(0);
      assertThat(after.state()).isEqualTo(DeliveryState.SENT);
      assertThat(after.receipts()).extracting(Receipt::kind)
          .containsExactly(Receipt.Kind.ADDRESS_INVALID);
    }
  }
}
