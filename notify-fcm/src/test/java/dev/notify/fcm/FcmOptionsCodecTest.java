package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.spi.Channel;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** FCM options survive a durable log, print no values, and the provider builds from properties. */
class FcmOptionsCodecTest {
  private final FcmOptions options = FcmOptions.builder().image("https://example.com/i.png")
      .data("orderId", "8812").collapseKey("c").androidChannelId("orders")
      .ttl(Duration.ofMinutes(5)).apnsHeader("apns-priority", "5").badge(3).sound("default")
      .contentAvailable(true).category("C").threadId("t").webHeader("Urgency", "high")
      .webLink("https://example.com/o").webIcon("https://example.com/w.png").build();

  @Test
  void roundTripsThroughItsCodec() {
    assertThat(FcmOptions.codec().typeId()).isEqualTo("fcm");
    assertThat(FcmOptions.codec().decode(FcmOptions.codec().encode(options))).isEqualTo(options);
    FcmOptions empty = FcmOptions.builder().build();
    assertThat(FcmOptions.codec().decode(FcmOptions.codec().encode(empty))).isEqualTo(empty);
  }

  @Test
  void isDiscoveredByTheNotificationCodec() {
    Notification n = Notification.builder().id("n-1").to(Recipient.fcmToken(FcmPeer.token(1)))
        .title("Hi").options(options).build();
    NotificationCodec codec = NotificationCodec.discovered();
    assertThat(codec.fromJson(codec.toJson(n)).options().get(FcmOptions.class)).isEqualTo(options);
  }

  @Test
  void toStringShowsDataKeysButNoValues() {
    assertThat(options.toString()).contains("orderId").doesNotContain("8812")
        .doesNotContain("example.com");
  }

  @Test
  void badValuesAreRefusedAtOnce() {
    assertThatThrownBy(() -> FcmOptions.builder().badge(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> FcmOptions.builder().ttl(Duration.ofSeconds(-1)))
        .hasMessageContaining("PT-1S");
  }

  @Test
  void theProviderBuildsAChannelFromPropertiesAndRefusesUnknownKeys() throws Exception {
    FcmChannelProvider provider = new FcmChannelProvider();
    assertThat(provider.id()).isEqualTo("fcm");
    assertThatThrownBy(() -> provider.create("push", Map.of("provider", "fcm",
        "credentialsFile", "/x.json", "colour", "red")))
        .hasMessageContaining("notify.channel.push.colour");
    assertThatThrownBy(() -> provider.create("push", Map.of("provider", "fcm")))
        .hasMessageContaining("notify.channel.push.credentialsFile is required");
    assertThatThrownBy(() -> provider.create("push", Map.of("provider", "fcm",
        "credentialsFile", "/no/such/file.json")))
        .hasMessageContaining("notify.channel.push.credentialsFile");

    java.nio.file.Path json = java.nio.file.Files.createTempFile("sa", ".json");
    try {
      java.nio.file.Files.writeString(json, ServiceAccounts.json("props-project"));
      Properties p = new Properties();
      p.setProperty("notify.channel.push.provider", "fcm");
      p.setProperty("notify.channel.push.credentialsFile", json.toString());
      p.setProperty("notify.channel.push.sdkRetries", "1");
      p.setProperty("notify.channel.push.readTimeout", "PT5S");
      try (NotificationClient client = NotificationClient.builder().discoverChannels(p).build()) {
        Channel push = client.channels().stream().filter(c -> c.name().equals("push"))
            .findFirst().orElseThrow();
        assertThat(push).isInstanceOf(FcmChannel.class);
        assertThat(push.toString()).contains("project=props-project").contains("sdkRetries=1");
      }
    } finally {
      java.nio.file.Files.delete(json);
    }
  }
}
