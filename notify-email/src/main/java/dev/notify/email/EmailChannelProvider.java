package dev.notify.email;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProperties;
import dev.notify.spi.ChannelProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    ChannelProperties p = ChannelProperties.of(name, properties, "SMTP", KEYS);
    try {
      EmailChannel.Builder b = EmailChannel.builder().name(name)
          .server(p.required("host"), p.integer("port", p.required("port")))
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
      String connections = p.optional("connections");
      if (connections != null) {
        b.connections(p.integer("connections", connections));
      }
      String maxBytes = p.optional("maxMessageBytes");
      if (maxBytes != null) {
        b.maxMessageBytes(p.longValue("maxMessageBytes", maxBytes));
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
}
