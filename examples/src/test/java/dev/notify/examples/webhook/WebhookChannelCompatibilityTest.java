package dev.notify.examples.webhook;

import dev.notify.Notification;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;

/**
 * The custom channel proves itself the way every channel module does: the compatibility kit runs
 * it through a client against its real peer, here {@link LocalWebhookServer} over HTTP. The two
 * hooks name the peer and point the channel at it; the peer plays the kit's scenarios in its own
 * answers (see {@code LocalWebhookServer.kit()}: 422, 500 then accept, 410, 503 everywhere).
 */
class WebhookChannelCompatibilityTest extends ChannelCompatibilityKit<LocalWebhookServer> {

  @Override
  protected LocalWebhookServer startPeer() {
    return LocalWebhookServer.start();
  }

  @Override
  protected Channel createChannel(LocalWebhookServer server) {
    return WebhookChannel.builder().baseUri(server.baseUri()).build();
  }

  /** The limit is the channel's own (16 KiB of JSON by default), so the channel's test sets it. */
  @Override
  protected Notification.Builder withOversizedContent(Notification.Builder notification) {
    return notification.title("Hello").body("x".repeat(20_000));
  }
}
