package dev.notify.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.ProviderPeerExtension;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookChannelProviderTest {
  @RegisterExtension
  final ProviderPeerExtension<LocalWebhookServer> hooks =
      ProviderPeerExtension.of(LocalWebhookServer::start);
  private LocalWebhookServer server;

  @BeforeEach
  void server(LocalWebhookServer server) {
    this.server = server;
  }

  @Test
  void aChannelConfiguredByPropertiesIsFoundThroughServiceLoaderAndSends() throws Exception {
    Properties p = new Properties();
    p.setProperty("notify.channel.ops.provider", "webhook");
    p.setProperty("notify.channel.ops.baseUri", server.baseUri().toString());
    p.setProperty("notify.channel.ops.requestTimeout", "PT2S");
    try (NotificationClient client = NotificationClient.builder().discoverChannels(p).build()) {
      assertThat(client.channels()).singleElement()
          .satisfies(c -> assertThat(c.name()).isEqualTo("ops"))
          .isInstanceOf(WebhookChannel.class);
      NotificationStatus status = client.send(Notification.builder().id("n-1")
              .to(Recipient.address(WebhookChannel.TYPE, "ops-room")).body("hello").build())
          .completion().get(10, TimeUnit.SECONDS);
      assertThat(status.isSent()).isTrue();
      assertThat(server.awaitReceived(1, Duration.ofSeconds(5))).singleElement()
          .satisfies(r -> {
            assertThat(r.endpoint()).isEqualTo("ops-room");
            assertThat(r.idempotencyKey()).isEqualTo(status.deliveries().get(0).deliveryId());
            assertThat(r.body().path("body").asText()).isEqualTo("hello");
          });
    }
  }

  @Test
  void aMisspeltOrMissingPropertyIsRefusedByName() {
    Properties typo = new Properties();
    typo.setProperty("notify.channel.ops.provider", "webhook");
    typo.setProperty("notify.channel.ops.baseUri", server.baseUri().toString());
    typo.setProperty("notify.channel.ops.requestTimout", "PT2S");
    assertThatThrownBy(() -> NotificationClient.builder().discoverChannels(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notify.channel.ops.requestTimout is not a web-hook setting");

    Properties missing = new Properties();
    missing.setProperty("notify.channel.ops.provider", "webhook");
    assertThatThrownBy(() -> NotificationClient.builder().discoverChannels(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("notify.channel.ops.baseUri is missing");

    Properties badDuration = new Properties();
    badDuration.setProperty("notify.channel.ops.provider", "webhook");
    badDuration.setProperty("notify.channel.ops.baseUri", server.baseUri().toString());
    badDuration.setProperty("notify.channel.ops.connectTimeout", "5s");
    assertThatThrownBy(() -> NotificationClient.builder().discoverChannels(badDuration))
        .hasMessageContaining("notify.channel.ops.connectTimeout must be an ISO-8601 duration");
  }
}
