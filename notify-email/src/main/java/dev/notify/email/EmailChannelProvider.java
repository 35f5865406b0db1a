package dev.notify.email;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link EmailChannel}s from properties, found by {@code
 * NotificationClient.builder().discoverChannels(properties)} (provider id {@code smtp}):
 *
 * <pre>
 * notify.channel.email.provider=smtp
 * notify.channel.email.host=smtp.example.com
 * notify.channel.email.port=587
 * notify.channel.email.security=STARTTLS_REQUIRED    # or SMTPS, NONE
 * notify.channel.email.username=notify@example.com
 * notify.channel.email.password=...
 * notify.channel.email.from=notify@example.com
 * notify.channel.email.fromName=Example Shop
 * </pre>
 *
 * <p>Required: {@code host}, {@code port}, {@code from}. Optional: {@code security},
 * {@code username} with {@code password}, {@code fromName}, {@code replyTo}, {@code connections},
 * {@code maxMessageBytes}, {@code messageIdDomain}, and the ISO-8601 durations
 * {@code connectTimeout}, {@code readTimeout}, {@code writeTimeout} and {@code idleCheck}. Any
 * other key is refused, so a misspelt one is not silently ignored.
 */
public final class EmailChannelProvider implements ChannelProvider {
  private static final Set<String> KEYS = Set.of("provider", "host", "port", "security",
      "username", "password", "from", "fromName", "replyTo", "connections", "maxMessageBytes",
      "messageIdDomain", "connectTimeout", "readTimeout", "writeTimeout", "idleCheck");

  /** Used by {@link java.util.ServiceLoader}. */
  public EmailChannelProvider() {
  }

  /** @return {@code "smtp"} */
  @Override
  public String id() {
    return "smtp";
  }

  /**
   * @throws IllegalArgumentException naming the property ({@code notify.channel.<name>.<key>})
   *     that is missing, unknown or malformed
   */
  @Override
  public Channel create(String name, Map<String, String> properties) {
    Props p = new Props(name, properties);
    for (String key : new TreeSet<>(properties.keySet())) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(p.key(key) + " is not an SMTP channel property; known: "
            + new TreeSet<>(KEYS));
      }
    }
    try {
      EmailChannel.Builder b = EmailChannel.builder().name(name)
          .server(p.required("host"), (int) p.number("port", true))
          .from(p.required("from"), p.optional("fromName"));
      String security = p.optional("security");
      if (security != null) {
        try {
          b.security(SmtpSecurity.valueOf(security.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(p.key("security") + " must be SMTPS,"
              + " STARTTLS_REQUIRED or NONE, was '" + security + "'", e);
        }
      }
      String username = p.optional("username");
      if (username != null) {
        b.login(username, p.required("password"));
      }
      String replyTo = p.optional("replyTo");
      if (replyTo != null) {
        b.replyTo(replyTo, null);
      }
      if (p.optional("connections") != null) {
        b.connections((int) p.number("connections", false));
      }
      if (p.optional("maxMessageBytes") != null) {
        b.maxMessageBytes(p.number("maxMessageBytes", false));
      }
      String domain = p.optional("messageIdDomain");
      if (domain != null) {
        b.messageIdDomain(domain);
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
      if ((d = p.duration("idleCheck")) != null) {
        b.idleCheck(d);
      }
      return b.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("SMTP channel '" + name + "': " + e.getMessage(), e);
    }
  }

  /** One channel's properties, with errors that name the full property. */
  private record Props(String name, Map<String, String> values) {
    String key(String key) {
      return "notify.channel." + name + "." + key;
    }

    @Nullable String optional(String key) {
      String v = values.get(key);
      return v == null || v.isBlank() ? null : v.trim();
    }

    String required(String key) {
      String v = optional(key);
      if (v == null) {
        throw new IllegalArgumentException(key(key) + " is required");
      }
      return v;
    }

    long number(String key, boolean required) {
      String v = required ? required(key) : optional(key);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key(key) + " must be a whole number, was '" + v + "'",
            e);
      }
    }

    @Nullable Duration duration(String key) {
      String v = optional(key);
      if (v == null) {
        return null;
      }
      try {
        return Duration.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(key(key) + " must be an ISO-8601 duration such as"
            + " PT30S, was '" + v + "'", e);
      }
    }
  }
}
