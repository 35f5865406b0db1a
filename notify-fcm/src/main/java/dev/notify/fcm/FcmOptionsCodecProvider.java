package dev.notify.fcm;

import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.ChannelOptionsCodecProvider;
import java.util.List;

/**
 * Hands {@link FcmOptions#codec()} to {@code NotificationCodec.discovered()}, through
 * {@code META-INF/services}, so that a durable log can store notifications with FCM options.
 */
public final class FcmOptionsCodecProvider implements ChannelOptionsCodecProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public FcmOptionsCodecProvider() {
  }

  @Override
  public List<ChannelOptionsCodec<?>> codecs() {
    return List.of(FcmOptions.codec());
  }
}
