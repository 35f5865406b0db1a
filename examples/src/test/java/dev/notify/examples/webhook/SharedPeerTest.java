package dev.notify.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.webhook.LocalWebhookServer.Answer;
import dev.notify.testkit.ProviderPeerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer on a static extension serves the whole class and is reset before each test: what one
 * test scripted, received or stopped does not reach the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedPeerTest {
  @RegisterExtension
  static final ProviderPeerExtension<LocalWebhookServer> HOOKS =
      ProviderPeerExtension.of(LocalWebhookServer::start);
  private static URI first;

  @BeforeAll
  static void remember(LocalWebhookServer server) {
    first = server.baseUri();
  }

  @Test
  @Order(1)
  void aTestScriptsRecordsAndStops(LocalWebhookServer server) throws Exception {
    server.respondByDefault(Answer.status(503));
    HttpRequest post = HttpRequest.newBuilder(server.baseUri().resolve("hooks/ops"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(503);
    assertThat(server.received()).hasSize(1);
    server.stop();
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  @Order(2)
  void theNextTestGetsTheSamePeerRunningAndReset(LocalWebhookServer server) throws Exception {
    assertThat(server).isSameAs(HOOKS.peer());
    assertThat(server.isRunning()).isTrue();
    assertThat(server.baseUri()).isEqualTo(first);
    assertThat(server.received()).as("the record is cleared").isEmpty();
    HttpRequest post = HttpRequest.newBuilder(server.baseUri().resolve("hooks/ops"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding())
        .statusCode()).as("the script is reset: accept").isEqualTo(202);
  }
}
