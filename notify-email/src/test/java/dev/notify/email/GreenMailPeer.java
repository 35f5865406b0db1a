package dev.notify.email;

import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** GreenMail with SMTP and SMTPS on free local ports, started and stopped around each test. */
final class GreenMailPeer implements BeforeEachCallback, AfterEachCallback {
  private GreenMail greenMail;

  @Override
  public void beforeEach(ExtensionContext context) {
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()});
    greenMail.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    greenMail.stop();
  }

  /** {@return GreenMail's plain SMTP port} */
  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  /** A channel to GreenMail's plain SMTP port. */
  EmailChannel.Builder smtp() {
    return EmailChannel.builder().server("127.0.0.1", greenMail.getSmtp().getPort())
        .security(SmtpSecurity.NONE).from(PeerChannels.FROM, "Notify");
  }

  /** A channel to GreenMail's SMTPS port, trusting its test certificate. */
  EmailChannel.Builder smtps() {
    return EmailChannel.builder().server("127.0.0.1", greenMail.getSmtps().getPort())
        .security(SmtpSecurity.SMTPS).sslSocketFactory(new DummySSLSocketFactory())
        .checkServerIdentity(false).from(PeerChannels.FROM, "Notify");
  }

  /** Waits for {@code count} messages, 10 s at most, and returns all received. */
  List<MimeMessage> await(int count) {
    if (!greenMail.waitForIncomingEmail(10_000, count)) {
      throw new AssertionError("GreenMail did not receive " + count + " messages in 10 s, got "
          + greenMail.getReceivedMessages().length);
    }
    return List.of(greenMail.getReceivedMessages());
  }
}
