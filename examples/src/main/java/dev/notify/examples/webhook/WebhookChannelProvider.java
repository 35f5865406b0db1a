package dev.notify.examples.webhook;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link WebhookChannel}s from properties, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/ChannelProvider}:
 *
 * <pre>
 * notify.channel.ops.provider=webhook
 * notify.channel.ops.baseUri=https://hooks.example.com/
 * notify.channel.ops.bearerToken=...          (optional)
 * notify.channel.ops.requestTimeout=PT10S     (optional, ISO-8601)
 * </pre>
 *
 * Unknown keys are refused, so a misspelt key is never silently ignored.
 */
public final class WebhookChannelProvider implements ChannelProvider {
  private static final Set<String> KEYS =
      Set.of("provider", "baseUri", "bearerToken", "connectTimeout", "requestTimeout");

  /** Used by {@link java.util.ServiceLoader}. */
  public WebhookChannelProvider() {
  }

  @Override
  public String id() {
    return "webhook";
  }

  @Override
  public Channel create(String name, Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("notify.channel." + name + "." + key
            + " is not a web-hook setting; known settings: " + KEYS);
      }
    }
    String base = properties.get("baseUri");
    if (base == null) {
      throw new IllegalArgumentException("notify.channel." + name + ".baseUri is missing");
    }
    WebhookChannel.Builder builder = WebhookChannel.builder().name(name);
    try {
      builder.baseUri(URI.create(base));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("notify.channel." + name + ".baseUri: " + e.getMessage(), e);
    }
    if (properties.containsKey("bearerToken")) {
      builder.bearerToken(properties.get("bearerToken"));
    }
    if (properties.containsKey("connectTimeout")) {
      builder.connectTimeout(duration(name, "connectTimeout", properties.get("connectTimeout")));
    }
    if (properties.containsKey("requestTimeout")) {
      builder.requestTimeout(duration(name, "requestTimeout", properties.get("requestTimeout")));
    }
    return builder.build();
  }

  private static Duration duration(String name, String key, String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("notify.channel." + name + "." + key
          + " must be an ISO-8601 duration such as PT10S: " + value, e);
    }
  }
}
