package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.testkit.ProviderPeerExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GreenMail as a provider peer: each recipient's copy recorded, ports kept across a restart. */
class GreenMailSmtpPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);

  @Test
  void eachRecipientsCopyIsRecordedParsed(GreenMailSmtpPeer peer) throws Exception {
    send(peer, "Hello", "ada@example.com", "bob@example.com");
    assertThat(peer.awaitReceived(2, WAIT)).extracting(ReceivedMimeMessage::address)
        .containsExactlyInAnyOrder("ada@example.com", "bob@example.com");
    assertThat(peer.awaitMessages(2, WAIT)).extracting(MimeMessage::getSubject)
        .containsOnly("Hello");
    assertThat(peer.received()).allMatch(ReceivedMimeMessage::accepted);
  }

  @Test
  void aRestartKeepsBothPortsAndTheRecord(GreenMailSmtpPeer peer) throws Exception {
    int smtp = peer.port();
    int smtps = peer.smtpsPort();
    send(peer, "Before", "ada@example.com");
    peer.awaitReceived(1, WAIT);
    peer.stop();
    assertThatThrownBy(() -> send(peer, "During", "ada@example.com"))
        .isInstanceOf(MessagingException.class);
    peer.restart();
    assertThat(peer.port()).isEqualTo(smtp);
    assertThat(peer.smtpsPort()).isEqualTo(smtps);
    send(peer, "After", "ada@example.com");
    assertThat(peer.awaitMessages(2, WAIT)).extracting(MimeMessage::getSubject)
        .containsExactly("Before", "After");
  }

  private static void send(GreenMailSmtpPeer peer, String subject, String... to)
      throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", peer.host());
    props.put("mail.smtp.port", Integer.toString(peer.port()));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    MimeMessage m = new MimeMessage(Session.getInstance(props));
    m.setFrom(new InternetAddress("notify@example.com"));
    for (String address : to) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
    }
    m.setSubject(subject);
    m.setText("A test message");
    Transport.send(m);
  }
}
