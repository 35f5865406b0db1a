package dev.notify.email;

import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.ChannelOptionsCodecProvider;
import java.util.List;

/**
 * Hands {@link EmailOptions#codec()} to {@code NotificationCodec.discovered()}, through
 * {@code META-INF/services}, so that a durable log can store notifications with email options.
 */
public final class EmailOptionsCodecProvider implements ChannelOptionsCodecProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public EmailOptionsCodecProvider() {
  }

  @Override
  public List<ChannelOptionsCodec<?>> codecs() {
    return List.of(EmailOptions.codec());
  }
}
