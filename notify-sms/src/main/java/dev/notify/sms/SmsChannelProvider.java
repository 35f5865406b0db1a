package dev.notify.sms;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProperties;
import dev.notify.spi.ChannelProvider;
import java.time.Duration;
import java.util.Set;

/**
 * Creates {@link SmsChannel}s from properties, found by {@code
 * NotificationClient.builder().discoverChannels(properties)} (provider id {@code twilio}):
 *
 * <pre>
 * notify.channel.sms.provider=twilio
 * notify.channel.sms.accountSid=AC...
 * notify.channel.sms.authToken=...               # or apiKeySid + apiKeySecret
 * notify.channel.sms.from=+14155550100           # or alphanumericSender, messagingServiceSid
 * notify.channel.sms.statusCallback=https://hooks.example.com/twilio/status
 * notify.channel.sms.defaultRegion=US
 * notify.channel.sms.allowCountries=US,CA
 * </pre>
 *
 * <p>Required: {@code accountSid}, {@code authToken} or both {@code apiKeySid} and
 * {@code apiKeySecret}, and one sender. Optional: {@code statusCallback}, {@code defaultRegion},
 * {@code allowCountries} (comma-separated), {@code connections}, {@code maxSegments}, and the
 * ISO-8601 durations {@code connectTimeout} and {@code readTimeout}. Pumping limits and the HTTP
 * client hook are builder-only. Any other key is refused, so a misspelt one is not silently
 * ignored.
 */
public final class SmsChannelProvider implements ChannelProvider {
  private static final Set<String> KEYS = Set.of("provider", "accountSid", "authToken",
      "apiKeySid", "apiKeySecret", "from", "alphanumericSender", "messagingServiceSid",
      "statusCallback", "defaultRegion", "allowCountries", "connections", "maxSegments",
      "connectTimeout", "readTimeout");

  /** Used by {@link java.util.ServiceLoader}. */
  public SmsChannelProvider() {
  }

  /** @return {@code "twilio"} */
  @Override
  public String id() {
    return "twilio";
  }

  /**
   * @throws IllegalArgumentException naming the property ({@code notify.channel.<name>.<key>})
   *     that is missing, unknown or malformed
   */
  @Override
  public Channel create(String name, java.util.Map<String, String> properties) {
    ChannelProperties p = ChannelProperties.of(name, properties, "Twilio", KEYS);
    try {
      SmsChannelBuilder b = SmsChannel.builder().name(name);
      String keySid = p.optional("apiKeySid");
      if (keySid != null) {
        b.apiKey(p.required("accountSid"), keySid, p.required("apiKeySecret"));
      } else {
        b.account(p.required("accountSid"), p.required("authToken"));
      }
      String from = p.optional("from");
      String alpha = p.optional("alphanumericSender");
      String service = p.optional("messagingServiceSid");
      if ((from != null ? 1 : 0) + (alpha != null ? 1 : 0) + (service != null ? 1 : 0) != 1) {
        throw new IllegalArgumentException("set exactly one of " + p.key("from") + ", "
            + p.key("alphanumericSender") + " and " + p.key("messagingServiceSid"));
      }
      if (from != null) {
        b.from(from);
      } else if (alpha != null) {
        b.alphanumericSender(alpha);
      } else {
        b.messagingService(service);
      }
      String callback = p.optional("statusCallback");
      if (callback != null) {
        b.statusCallback(callback);
      }
      String region = p.optional("defaultRegion");
      if (region != null) {
        b.defaultRegion(region);
      }
      String countries = p.optional("allowCountries");
      if (countries != null) {
        b.allowCountries(countries.split("\\s*,\\s*"));
      }
      String connections = p.optional("connections");
      if (connections != null) {
        b.connections(p.integer("connections", connections));
      }
      String segments = p.optional("maxSegments");
      if (segments != null) {
        b.maxSegments(p.integer("maxSegments", segments));
      }
      Duration d;
      if ((d = p.duration("connectTimeout")) != null) {
        b.connectTimeout(d);
      }
      if ((d = p.duration("readTimeout")) != null) {
        b.readTimeout(d);
      }
      return b.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("Twilio channel '" + name + "': " + e.getMessage(), e);
    }
  }
}
