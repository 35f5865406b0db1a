package dev.notify.apns;

import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import dev.notify.testkit.apns.MockApnsPeer;

/**
 * The channel compatibility kit against pushy's {@code MockApnsServer} over HTTP/2 and TLS, with
 * token authentication as a user configures it ({@link PeerChannels}). The peer plays the kit's
 * scenarios with APNs' own answers (see {@code MockApnsPeer.kit()}): {@code BadExpirationDate}
 * for a permanent rejection, {@code TooManyRequests} then accept for a transient failure, 410
 * {@code Unregistered} with its timestamp, and {@code InvalidProviderToken} on every push for an
 * unavailable channel (a configuration error, so the lane probes after 5 minutes of manual time).
 */
class ApnsChannelCompatibilityTest extends ChannelCompatibilityKit<MockApnsPeer> {

  @Override
  protected MockApnsPeer startPeer() {
    return MockApnsPeer.start();
  }

  @Override
  protected Channel createChannel(MockApnsPeer peer) {
    return PeerChannels.forPeer(peer).build();
  }
}
