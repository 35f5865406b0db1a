package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.RetryPolicy;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import dev.notify.testkit.smtp.ReceivedEmail;
import dev.notify.testkit.smtp.SmtpAnswer;
import dev.notify.testkit.smtp.SmtpPeer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From {@code client.send} to the SMTP peers, and the status that follows. */
class EmailThroughClientTest {
  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);
  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  @Test
  void aConnectionDroppedMidDataIsRetriedAndSentOnceTheServerRecovers(SmtpPeer peer)
      throws Exception {
    peer.respond("ada@example.com", SmtpAnswer.dropInData(), SmtpAnswer.accept());
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.plain(peer).build())
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(50))
            .jitter(false).build()).build()) {
      DeliveryStatus d = client.send(Notification.builder().id("n-drop")
              .to(Recipient.email("ada@example.com")).subject("Hello").text("Hi").build())
          .completion().get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).extracting(Attempt::outcome)
          .as("the dropped attempt's outcome is unknown, so it is retried")
          .containsExactly(Outcome.UNKNOWN, Outcome.SENT);
      assertThat(peer.received()).extracting(ReceivedEmail::accepted).containsExactly(false, true);
    }
  }

  @Test
  void anHtmlEmailWithAnAttachmentIsSentOverSmtpsAndRecorded() throws Exception {
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.smtps(greenMail.peer()).from("shop@example.com", "Zoë's Shop").build()).build()) {
      SendReceipt receipt = client.send(Notification.builder().id("order-42")
          .to(Recipient.email("ada@example.com")).subject("Your order №42 shipped")
          .html("<p>It is on its way.</p>")
          .options(EmailOptions.builder().header("X-Order", "42").attachment(EmailAttachment.of(
              "receipt.txt", "text/plain", "Total: 12 €".getBytes(StandardCharsets.UTF_8)))
              .build())
          .build());

      NotificationStatus status = receipt.completion().get(30, TimeUnit.SECONDS);
      DeliveryStatus d = status.deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      MimeMessage m = greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0);
      assertThat(d.providerMessageId()).isEqualTo(m.getMessageID()).endsWith("@example.com>");
      assertThat(m.getSubject()).isEqualTo("Your order №42 shipped");
      assertThat(m.getFrom()[0].toString()).contains("shop@example.com");
      assertThat(m.getHeader("X-Order")).containsExactly("42");
      MimeMultipart mixed = (MimeMultipart) m.getContent();
      MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
      assertThat(((String) alternative.getBodyPart(0).getContent()).strip())
          .isEqualTo("It is on its way.");
      assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("receipt.txt");
    }
  }
}
