package dev.notify.email;

import java.time.Duration;

/** Channels pointed at the test peers. */
final class PeerChannels {
  static final String FROM = "notify@example.com";

  private PeerChannels() {
  }

  /** A plain-SMTP channel to the scriptable peer, with short timeouts. */
  static EmailChannel.Builder plain(SmtpPeer peer) {
    return EmailChannel.builder().server("127.0.0.1", peer.port()).security(SmtpSecurity.NONE)
        .from(FROM, "Notify").connections(4).connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5));
  }
}
