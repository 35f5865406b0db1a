package dev.notify.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelOptions;
import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.NotificationCodec;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Notifications that use every field, the options they carry, and a field-by-field check. */
public final class SampleNotifications {
  /** A custom channel type, in a family of its own. */
  public static final ChannelType KAKAO = ChannelType.of("kakao");

  /**
   * Push options, as a channel module would define them.
   *
   * @param sound the sound, or null
   * @param badge the badge
   * @param extra free-form payload keys
   */
  public record PushOptions(@Nullable String sound, int badge, Map<String, Object> extra)
      implements ChannelOptions {
  }

  /**
   * Options of a custom channel.
   *
   * @param tags the tags
   */
  public record KakaoOptions(List<String> tags) implements ChannelOptions {
  }

  private SampleNotifications() {
  }

  /** {@return a codec that knows both sample options types} */
  public static NotificationCodec codec() {
    return NotificationCodec.builder()
        .codec(ChannelOptionsCodec.ofRecord(PushOptions.class, "test.push"))
        .codec(ChannelOptionsCodec.ofRecord(KakaoOptions.class, "kakao"))
        .build();
  }

  /**
   * {@return a notification with every field set and every kind of recipient and target; its
   * template variables are already JSON values, so it reads back equal}
   */
  public static Notification everyField() {
    return Notification.builder()
        .id("order-1234-shipped")
        .to(Recipient.email("ada@example.com"), Recipient.phone("+14155550100"),
            Recipient.apnsToken("a1".repeat(32)), Recipient.fcmToken("fcm:token-1"),
            Recipient.address(KAKAO, "kakao-user-9"), Recipient.user("u-42"),
            Recipient.group("beta-testers"))
        .via(ChannelType.SMS, KAKAO)
        .viaPush()
        .viaChannel("email-eu")
        .category("orders")
        .priority(Priority.HIGH)
        .title("Shipped")
        .body("It arrives on Tuesday.")
        .data("orderId", "1234")
        .data("deepLink", "app://orders/1234")
        .subject("Your order shipped")
        .text("Plain text")
        .html("<p>Html</p>")
        .template(dev.notify.template.TemplateRef.of("order-shipped", Map.of(
            "name", "Mina", "count", 3L, "price", 19.99, "gift", true,
            "items", List.of("book", 2L), "address", Map.of("city", "Seoul")))
            .withLocale(Locale.forLanguageTag("ko-KR")))
        .options(new PushOptions("default", 3, Map.of("n", 1L, "nested", Map.of("a", "b"))))
        .options(new KakaoOptions(List.of("x", "y")))
        .sendAt(Instant.parse("2026-01-01T09:00:00Z"))
        .expiresAt(Instant.parse("2026-01-02T09:00:00.123456789Z"))
        .metadata("tenant", "acme")
        .metadata("traceId", "req-1")
        .build();
  }

  /** Asserts that two notifications agree on every field. */
  public static void assertSameNotification(Notification actual, Notification expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.recipients()).isEqualTo(expected.recipients());
    assertThat(actual.recipients()).extracting(r -> r instanceof Recipient.Address a
            ? a.type().family() : "directory")
        .isEqualTo(expected.recipients().stream().map(r -> r instanceof Recipient.Address a
            ? a.type().family() : "directory").toList());
    assertThat(actual.targets()).isEqualTo(expected.targets());
    assertThat(actual.category()).isEqualTo(expected.category());
    assertThat(actual.priority()).isEqualTo(expected.priority());
    assertThat(actual.content()).isEqualTo(expected.content());
    assertThat(actual.template()).isEqualTo(expected.template());
    assertThat(actual.options()).isEqualTo(expected.options());
    assertThat(actual.sendAt()).isEqualTo(expected.sendAt());
    assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
    assertThat(actual.metadata()).isEqualTo(expected.metadata());
  }
}
