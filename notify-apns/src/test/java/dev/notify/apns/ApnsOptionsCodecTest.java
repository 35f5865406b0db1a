package dev.notify.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.codec.NotificationCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** APNs options stored by a durable log: found through ServiceLoader, read back equal. */
class ApnsOptionsCodecTest {
  private static final String TOKEN = "5a".repeat(32);

  private final NotificationCodec codec = NotificationCodec.discovered();

  private static ApnsOptions fullOptions() {
    return ApnsOptions.builder()
        .subtitle("Tuesday")
        .badge(3)
        .sound("default")
        .threadId("orders")
        .category("ORDER_SHIPPED")
        .mutableContent(true)
        .contentAvailable(true)
        .customData("orderId", "1234")
        .customData("count", 2L)
        .customData("ratio", 0.5)
        .customData("gift", true)
        .customData("lines", List.of(Map.of("sku", "a-1", "qty", 1L), "note"))
        .pushType(ApnsPushType.VOIP)
        .topic("com.example.app.voip")
        .collapseId("order-1234")
        .build();
  }

  private static Notification apnsNotification(ApnsOptions options) {
    return Notification.builder()
        .id("order-1234-shipped")
        .to(Recipient.apnsToken(TOKEN))
        .via(ChannelType.APNS)
        .priority(Priority.HIGH)
        .title("Your order shipped")
        .body("It arrives on Tuesday.")
        .data("deepLink", "app://orders/1234")
        .expiresAt(Instant.parse("2026-01-01T12:00:00Z"))
        .options(options)
        .build();
  }

  @Test
  void theDiscoveredCodecKnowsApnsOptions() {
    assertThat(codec.typeIds()).contains("apns");
  }

  @Test
  void anApnsNotificationWithFullOptionsRoundTrips() {
    Notification n = apnsNotification(fullOptions());
    String json = codec.toJson(n);
    Notification back = codec.fromJson(json);

    assertThat(back.options(ApnsOptions.class)).contains(fullOptions());
    assertThat(back.id()).isEqualTo(n.id());
    assertThat(back.recipients()).isEqualTo(n.recipients());
    assertThat(back.targets()).isEqualTo(n.targets());
    assertThat(back.priority()).isEqualTo(Priority.HIGH);
    assertThat(back.content()).isEqualTo(n.content());
    assertThat(back.expiresAt()).isEqualTo(n.expiresAt());
    assertThat(json).contains("\"options\":{\"apns\":{\"subtitle\":\"Tuesday\",\"badge\":3,")
        .contains("\"pushType\":\"VOIP\"");
  }

  @Test
  void unsetOptionsStayUnset() {
    Notification back = codec.fromJson(codec.toJson(apnsNotification(ApnsOptions.ofDefaults())));
    assertThat(back.options(ApnsOptions.class)).contains(ApnsOptions.ofDefaults());
  }

  @Test
  void integersInCustomDataComeBackAsLongs() {
    ApnsOptions options = ApnsOptions.builder().customData("count", 2).build();
    ApnsOptions back = codec.fromJson(codec.toJson(apnsNotification(options)))
        .options(ApnsOptions.class).orElseThrow();
    assertThat(back.customData()).containsExactly(Map.entry("count", 2L));
  }

  @Test
  void customDataThatCannotBeStoredExactlyIsRefusedNamingIt() {
    ApnsOptions options = ApnsOptions.builder().customData("ratio", 0.5f).build();
    assertThatThrownBy(() -> codec.toJson(apnsNotification(options)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("options[dev.notify.apns.ApnsOptions]: customData.ratio: is a"
            + " Float");
  }

  @Test
  void theOptionsChecksApplyWhenReading() {
    String json = codec.toJson(apnsNotification(fullOptions())).replace("\"badge\":3",
        "\"badge\":-1");
    assertThatThrownBy(() -> codec.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options.apns: ApnsOptions rejected the values: badge must not be negative:"
            + " -1");
    String unknownType = codec.toJson(apnsNotification(fullOptions())).replace("\"VOIP\"",
        "\"PAGER\"");
    assertThatThrownBy(() -> codec.fromJson(unknownType))
        .hasMessageStartingWith("options.apns: pushType: must be one of [ALERT, BACKGROUND,");
  }
}
