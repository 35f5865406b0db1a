package dev.notify.spi;

import java.util.Map;

/**
 * Creates channels from configuration; found with {@link java.util.ServiceLoader} when the builder
 * is given properties through {@code discoverChannels(Properties)}.
 *
 * <p>A channel named {@code sms-eu} is configured by properties
 * {@code notify.channel.sms-eu.provider=<id()>} plus any {@code notify.channel.sms-eu.*} keys, which
 * reach {@link #create} without their prefix. A channel registered explicitly on the builder
 * replaces a discovered channel of the same name.
 */
public interface ChannelProvider {

  /**
   * {@return the id that {@code notify.channel.<name>.provider} refers to, e.g. {@code "twilio"}}
   */
  String id();

  /**
   * {@return the channel}
   *
   * @param name the channel name
   * @param properties this channel's properties, prefix removed (e.g. {@code accountSid})
   * @throws IllegalArgumentException naming the missing or bad property
   */
  Channel create(String name, Map<String, String> properties);
}
