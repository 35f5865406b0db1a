package dev.notify.apns;

import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;

/** ApnsChannel builders pointed at a {@link MockApnsPeer}, with token auth as a user sets it. */
final class PeerChannels {
  private PeerChannels() {
  }

  static ApnsChannel.Builder forPeer(MockApnsPeer peer) {
    ApnsPeerCredentials c = peer.credentials();
    return ApnsChannel.builder()
        .server(c.host(), c.port())
        .trustedServerCertificates(c.trustedCertificate())
        .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId())
        .topic(c.topic());
  }
}
