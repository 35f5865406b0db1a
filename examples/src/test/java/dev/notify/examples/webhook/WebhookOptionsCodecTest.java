package dev.notify.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.codec.NotificationCodec;
import org.junit.jupiter.api.Test;

class WebhookOptionsCodecTest {
  private final NotificationCodec codec = NotificationCodec.discovered();

  @Test
  void webhookOptionsAreFoundThroughServiceLoaderAndReadBackEqual() {
    assertThat(codec.typeIds()).contains("webhook");
    Notification n = Notification.builder().id("n-1")
        .to(Recipient.address(WebhookChannel.TYPE, "ops-room")).body("hello")
        .options(new WebhookOptions("order.shipped")).build();
    String json = codec.toJson(n);
    assertThat(json).contains("\"options\":{\"webhook\":{\"event\":\"order.shipped\"}}");
    assertThat(codec.fromJson(json).options(WebhookOptions.class))
        .contains(new WebhookOptions("order.shipped"));
  }

  @Test
  void aMissingEventIsReportedByName() {
    String json = codec.toJson(Notification.builder().id("n-1")
        .to(Recipient.address(WebhookChannel.TYPE, "ops-room")).body("hello")
        .options(new WebhookOptions("e")).build()).replace("{\"event\":\"e\"}", "{}");
    assertThatThrownBy(() -> codec.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options.webhook: event: is missing (java.lang.String)");
  }
}
