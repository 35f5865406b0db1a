package dev.notify.fcm;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProperties;
import dev.notify.spi.ChannelProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link FcmChannel}s from properties, found by {@code
 * NotificationClient.builder().discoverChannels(properties)} (provider id {@code fcm}):
 *
 * <pre>
 * notify.channel.fcm.provider=fcm
 * notify.channel.fcm.credentialsFile=/etc/notify/firebase-service-account.json
 * notify.channel.fcm.projectId=example-shop          # optional: the service account's
 * </pre>
 *
 * <p>Required: {@code credentialsFile}. Optional: {@code projectId}, {@code sdkRetries} (0 to
 * 4), and the ISO-8601 durations {@code connectTimeout}, {@code readTimeout} and
 * {@code writeTimeout}. Any other key is refused, so a misspelt one is not silently ignored.
 */
public final class FcmChannelProvider implements ChannelProvider {
  private static final Set<String> KEYS = Set.of("provider", "credentialsFile", "projectId",
      "sdkRetries", "connectTimeout", "readTimeout", "writeTimeout");

  /** Used by {@link java.util.ServiceLoader}. */
  public FcmChannelProvider() {
  }

  /** @return {@code "fcm"} */
  @Override
  public String id() {
    return "fcm";
  }

  /**
   * @throws IllegalArgumentException naming the property ({@code notify.channel.<name>.<key>})
   *     that is missing, unknown or malformed
   */
  @Override
  public Channel create(String name, Map<String, String> properties) {
    ChannelProperties p = ChannelProperties.of(name, properties, "FCM", KEYS);
    FcmChannel.Builder b = FcmChannel.builder().name(name);
    try {
      b.credentials(Path.of(p.required("credentialsFile")));
    } catch (java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(p.key("credentialsFile") + ": " + e.getMessage(), e);
    }
    try {
      String project = p.optional("projectId");
      if (project != null) {
        b.projectId(project);
      }
      String retries = p.optional("sdkRetries");
      if (retries != null) {
        b.sdkRetries(p.integer("sdkRetries", retries));
      }
      Duration d;
      if ((d = p.duration("connectTimeout")) != null) {
        b.connectTimeout(d);
      }
      if ((d = p.duration("readTimeout")) != null) {
        b.readTimeout(d);
      }
      if ((d = p.duration("writeTimeout")) != null) {
        b.writeTimeout(d);
      }
      return b.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("notify.channel." + name + ": " + e.getMessage(), e);
    }
  }
}
