package dev.notify.apns;

import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.ChannelOptionsCodecProvider;
import java.util.List;

/**
 * Hands {@link ApnsOptions#codec()} to {@code NotificationCodec.discovered()}, through
 * {@code META-INF/services}, so that a durable log can store notifications with APNs options.
 */
public final class ApnsOptionsCodecProvider implements ChannelOptionsCodecProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public ApnsOptionsCodecProvider() {
  }

  @Override
  public List<ChannelOptionsCodec<?>> codecs() {
    return List.of(ApnsOptions.codec());
  }
}
