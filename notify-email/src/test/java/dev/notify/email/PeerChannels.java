package dev.notify.email;

import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import dev.notify.testkit.smtp.SmtpPeer;
import java.time.Duration;

/** Channels pointed at the testkit's SMTP peers. */
final class PeerChannels {
  static final String FROM = "notify@example.com";
  /** How long a test waits for GreenMail to receive what was sent. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private PeerChannels() {
  }

  /** A plain-SMTP channel to the scriptable peer, with short timeouts. */
  static EmailChannel.Builder plain(SmtpPeer peer) {
    return EmailChannel.builder().server(peer.host(), peer.port()).security(SmtpSecurity.NONE)
        .from(FROM, "Notify").connections(4).connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5));
  }

  /** A channel to GreenMail's plain SMTP port. */
  static EmailChannel.Builder smtp(GreenMailSmtpPeer peer) {
    return EmailChannel.builder().server(peer.host(), peer.port())
        .security(SmtpSecurity.NONE).from(FROM, "Notify");
  }

  /** A channel to GreenMail's SMTPS port, trusting its test certificate. */
  static EmailChannel.Builder smtps(GreenMailSmtpPeer peer) {
    return EmailChannel.builder().server(peer.host(), peer.smtpsPort())
        .security(SmtpSecurity.SMTPS).sslSocketFactory(peer.sslSocketFactory())
        .checkServerIdentity(false).from(FROM, "Notify");
  }
}
