package dev.notify.email;

import dev.notify.Notification;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import dev.notify.testkit.smtp.SmtpPeer;

/** The shared channel kit, through a client, against the scriptable SMTP peer. */
class EmailChannelCompatibilityTest extends ChannelCompatibilityKit<SmtpPeer> {
  static final int LIMIT = 64 * 1024;

  @Override
  protected SmtpPeer startPeer() {
    return SmtpPeer.start();
  }

  @Override
  protected Channel createChannel(SmtpPeer peer) {
    return PeerChannels.plain(peer).maxMessageBytes(LIMIT).build();
  }

  /** The limit is the channel's: text well past 64 KiB. */
  @Override
  protected Notification.Builder withOversizedContent(Notification.Builder notification) {
    return notification.subject("Too large").text("x".repeat(LIMIT + 1));
  }
}
