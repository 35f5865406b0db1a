package dev.notify.fcm;

import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import dev.notify.testkit.fcm.FcmPeer;

/** The shared channel kit, through a client, against the local FCM v1 peer. */
class FcmChannelCompatibilityTest extends ChannelCompatibilityKit<FcmPeer> {

  @Override
  protected FcmPeer startPeer() {
    return FcmPeer.start();
  }

  @Override
  protected Channel createChannel(FcmPeer peer) {
    return Messages.channel(peer).build();
  }

  /** Blocking sends: as many blocking threads as places in flight. */
  @Override
  protected LaneOptions laneOptions() {
    return LaneOptions.ofDefaults().withThreads(16).withMaxInFlight(16);
  }
}
