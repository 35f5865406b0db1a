package dev.notify.sms;

import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.ChannelOptionsCodecProvider;
import java.util.List;

/**
 * Hands {@link SmsOptions#codec()} to {@code NotificationCodec.discovered()}, through
 * {@code META-INF/services}, so that a durable log can store notifications with SMS options.
 */
public final class SmsOptionsCodecProvider implements ChannelOptionsCodecProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SmsOptionsCodecProvider() {
  }

  @Override
  public List<ChannelOptionsCodec<?>> codecs() {
    return List.of(SmsOptions.codec());
  }
}
