package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.PushType;
import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.apns.ApnsOptions;
import dev.notify.apns.ApnsPushType;
import dev.notify.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a message into an APNs request. The one code path behind both {@code validate} (which
 * throws the {@link Violation}) and {@code send} (which returns it as a result), so what passes
 * validation is exactly what is sent.
 */
public final class ApnsRequestFactory {
  /** Apple's payload limit for every push type but VoIP, in bytes. */
  public static final int MAX_PAYLOAD_BYTES = 4096;
  /** Apple's payload limit for VoIP pushes, in bytes. */
  public static final int MAX_VOIP_PAYLOAD_BYTES = 5120;
  /** Fewest hex digits accepted in a device token (16 bytes). */
  public static final int MIN_TOKEN_DIGITS = 32;
  /** Most hex digits accepted in a device token (100 bytes; today's tokens have 64). */
  public static final int MAX_TOKEN_DIGITS = 200;

  private static final ApnsOptions NO_OPTIONS = ApnsOptions.ofDefaults();
  private static final Map<ApnsPushType, PushType> PUSH_TYPES = new EnumMap<>(ApnsPushType.class);

  static {
    for (ApnsPushType type : ApnsPushType.values()) {
      PUSH_TYPES.put(type, PushType.getFromHeaderValue(type.headerValue()));
    }
  }

  private final String defaultTopic;
  private final Duration defaultExpiration;

  /**
   * Creates a factory with the channel's defaults.
   *
   * @param defaultTopic the channel's topic, or {@code null} if every message must name one
   * @param defaultExpiration how long APNs keeps a message that has no expiry; zero for "now or
   *     never"
   */
  public ApnsRequestFactory(String defaultTopic, Duration defaultExpiration) {
    this.defaultTopic = defaultTopic;
    this.defaultExpiration = defaultExpiration;
  }

  /**
   * {@return the request, or the first rule the message breaks}
   *
   * @param message the message as it is about to be sent
   */
  public Prepared prepare(OutboundMessage message) {
    return prepare(message, true);
  }

  /**
   * The same checks as {@link #prepare}, on the same code path, without keeping the payload
   * (validation at {@code send} needs only its size).
   *
   * @param message the message as it is about to be sent
   * @return the first rule the message breaks, or null
   */
  public Violation check(OutboundMessage message) {
    return prepare(message, false) instanceof Violation v ? v : null;
  }

  /** @param keepPayload false to size the payload only; the request then has no payload */
  private Prepared prepare(OutboundMessage message, boolean keepPayload) {
    Violation address = checkAddress(message);
    if (address != null) {
      return address;
    }
    ApnsOptions options = message.options(ApnsOptions.class).orElse(NO_OPTIONS);
    Content content = message.content();

    boolean alert = content.title() != null || content.body() != null
        || options.subtitle() != null || options.badge() != null || options.sound() != null;
    ApnsPushType pushType = options.pushType() != null ? options.pushType()
        : !alert && options.contentAvailable() ? ApnsPushType.BACKGROUND : ApnsPushType.ALERT;
    if (pushType == ApnsPushType.ALERT && !alert) {
      return new Violation("content", "an alert push needs a title or body (or a subtitle, badge"
          + " or sound); for a silent background push set ApnsOptions.contentAvailable");
    }
    if (pushType == ApnsPushType.BACKGROUND && alert) {
      return new Violation("options.pushType", "a background push cannot show a title, body,"
          + " subtitle, badge or sound; send an alert push with contentAvailable instead");
    }
    if (content.data().containsKey("aps")) {
      return new Violation("content.data", "key 'aps' is reserved for APNs");
    }

    String topic;
    TopicSource topicSource;
    if (options.topic() != null) {
      topic = options.topic();
      topicSource = TopicSource.OVERRIDE;
    } else if (defaultTopic != null) {
      topic = defaultTopic;
      topicSource = TopicSource.DEFAULT;
    } else {
      return new Violation("options.topic", "is required because the channel has no default"
          + " topic: set ApnsChannel.Builder.topic(bundleId) or ApnsOptions.topic");
    }
    String suffix = pushType.topicSuffix();
    if (!suffix.isEmpty() && !topic.endsWith(suffix)) {
      topic = topic + suffix;
      topicSource = topicSource == TopicSource.DEFAULT ? TopicSource.DERIVED : topicSource;
    }
    String topicProblem = HeaderRules.problem("apns-topic", topic, HeaderRules.MAX_TOPIC_CHARS);
    if (topicProblem != null) {
      return new Violation("options.topic", topicProblem);
    }
    if (options.collapseId() != null) {
      String collapseProblem = HeaderRules.problem("apns-collapse-id", options.collapseId(),
          ApnsOptions.MAX_COLLAPSE_ID_BYTES);
      if (collapseProblem != null) {
        return new Violation("options.collapseId", collapseProblem);
      }
    }

    byte[] json = keepPayload ? PayloadWriter.write(content, options, pushType) : null;
    int payloadBytes = json != null ? json.length : PayloadWriter.size(content, options, pushType);
    int limit = pushType == ApnsPushType.VOIP ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
    if (payloadBytes > limit) {
      return new Violation("payload", "must be at most " + limit + " bytes for a "
          + pushType.headerValue() + " push, was " + payloadBytes + " bytes");
    }

    // Apple: a background push must have priority 5; 10 is for pushes the user sees now.
    int priority = pushType != ApnsPushType.BACKGROUND && message.priority() == Priority.HIGH
        ? 10 : 5;
    return new ApnsRequest(message.address().value(), topic, topicSource,
        json != null ? new String(json, StandardCharsets.UTF_8) : null, payloadBytes,
        pushType, priority, options.collapseId(), message.expiresAt());
  }

  /**
   * Adds what depends on the attempt.
   *
   * @param request the prepared request
   * @param deliveryId the delivery id, stable across retries: the apns-id is derived from it so a
   *     retried delivery carries the same apns-id
   * @param now the current time, for the default expiration
   * @return what pushy sends
   */
  ApnsNotification notification(ApnsRequest request, String deliveryId, Instant now) {
    Instant expiration = request.expiresAt() != null ? request.expiresAt()
        : defaultExpiration.isZero() ? Instant.EPOCH : now.plus(defaultExpiration);
    return new ApnsNotification(request, PUSH_TYPES.get(request.pushType()), expiration,
        apnsId(deliveryId));
  }

  /**
   * {@return the apns-id sent for it: a name-based UUID, the same on every attempt}
   *
   * @param deliveryId a delivery id
   */
  public static UUID apnsId(String deliveryId) {
    return UUID.nameUUIDFromBytes(deliveryId.getBytes(StandardCharsets.UTF_8));
  }

  private static Violation checkAddress(OutboundMessage message) {
    if (!ChannelType.APNS.equals(message.address().type())) {
      return new Violation("address", "must be an APNs device token (type apns), was an address"
          + " of type " + message.address().type());
    }
    String token = message.address().value();
    int length = token.length();
    for (int i = 0; i < length; i++) {
      if (!HeaderRules.isHexDigit(token.charAt(i))) {
        return new Violation("address", "a device token must be hexadecimal (0-9, a-f, A-F);"
            + " found a character that is not an ASCII hex digit at index " + i);
      }
    }
    if (length < MIN_TOKEN_DIGITS || length > MAX_TOKEN_DIGITS) {
      return new Violation("address", "a device token must have " + MIN_TOKEN_DIGITS + " to "
          + MAX_TOKEN_DIGITS + " hex digits, had " + length);
    }
    if (length % 2 != 0) {
      return new Violation("address", "a device token must have an even number of hex digits,"
          + " had " + length);
    }
    return null;
  }
}
