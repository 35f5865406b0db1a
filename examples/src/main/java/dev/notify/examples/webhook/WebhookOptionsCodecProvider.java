package dev.notify.examples.webhook;

import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.ChannelOptionsCodecProvider;
import java.util.List;

/**
 * Hands {@link WebhookOptions#codec()} to {@code NotificationCodec.discovered()} through
 * {@code META-INF/services/dev.notify.spi.codec.ChannelOptionsCodecProvider}, as every channel
 * module with options of its own does.
 */
public final class WebhookOptionsCodecProvider implements ChannelOptionsCodecProvider {

  /** Used by {@link java.util.ServiceLoader}. */
  public WebhookOptionsCodecProvider() {
  }

  @Override
  public List<ChannelOptionsCodec<?>> codecs() {
    return List.of(WebhookOptions.codec());
  }
}
