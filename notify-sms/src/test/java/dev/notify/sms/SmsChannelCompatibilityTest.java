package dev.notify.sms;

import dev.notify.policy.RateLimit;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import dev.notify.testkit.twilio.TwilioPeer;

/** The shared channel kit, through a client, against the Twilio peer. */
class SmsChannelCompatibilityTest extends ChannelCompatibilityKit<TwilioPeer> {

  @Override
  protected TwilioPeer startPeer() {
    return TwilioPeer.start();
  }

  @Override
  protected Channel createChannel(TwilioPeer peer) {
    return PeerChannels.to(peer).maxSegments(3).throughput(RateLimit.perSecond(10_000)).build();
  }

  /** The limit is the channel's: more than three segments. */
  @Override
  protected dev.notify.Notification.Builder withOversizedContent(
      dev.notify.Notification.Builder notification) {
    return notification.body("x".repeat(3 * 153 + 1));
  }
}
