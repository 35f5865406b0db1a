package dev.notify.examples.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.notify.examples.webhook.LocalWebhookServer.Answer;
import dev.notify.examples.webhook.LocalWebhookServer.Received;
import dev.notify.testkit.ProviderPeerExtension;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worked example of a provider peer behaves as every {@code ProviderPeer} does: scripts per
 * address (each answer once, the last one sticks), a default answer, a record, waits with
 * deadlines, and an outage on the same port. Plain HTTP requests play the channel.
 */
class LocalWebhookServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final ProviderPeerExtension<LocalWebhookServer> hooks =
      ProviderPeerExtension.of(LocalWebhookServer::start);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

  private int post(LocalWebhookServer server, String endpoint) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("hooks/" + endpoint))
        .timeout(WAIT).header("Idempotency-Key", endpoint + "-key")
        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"hi\"}")).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void scriptedAnswersAreUsedOnceInOrderAndTheLastOneSticks(LocalWebhookServer server)
      throws Exception {
    server.respond("ops", Answer.status(500), Answer.status(503, 7), Answer.accept());

    assertThat(List.of(post(server, "ops"), post(server, "ops"), post(server, "ops"),
        post(server, "ops"))).containsExactly(500, 503, 202, 202);
    assertThat(post(server, "elsewhere")).as("unscripted: the default answer").isEqualTo(202);
    assertThat(server.awaitReceived(5, WAIT)).extracting(Received::endpoint, Received::status)
        .first().isEqualTo(tuple("ops", 500));
    assertThat(server.received()).filteredOn(Received::accepted).extracting(Received::messageId)
        .doesNotContainNull().doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void theDefaultAnswerCanChangeAndResetScriptRestoresAccept(LocalWebhookServer server)
      throws Exception {
    server.respond("ops", Answer.status(422));
    server.respondByDefault(Answer.status(503));
    assertThat(post(server, "ops")).isEqualTo(422);
    assertThat(post(server, "any")).isEqualTo(503);

    server.resetScript();

    assertThat(post(server, "ops")).isEqualTo(202);
    assertThat(post(server, "any")).isEqualTo(202);
    assertThat(server.receivedCount()).isEqualTo(4);
    server.clearReceived();
    assertThat(server.received()).isEmpty();
    assertThat(server.receivedCount()).isZero();
  }

  @Test
  void aStoppedServerRefusesConnectionsAndARestartListensOnTheSamePort(LocalWebhookServer server)
      throws Exception {
    URI before = server.baseUri();
    server.respond("ops", Answer.status(500), Answer.accept());
    assertThat(post(server, "ops")).isEqualTo(500);

    server.stop();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> post(server, "ops")).as("connection refused")
        .isInstanceOf(ConnectException.class);

    server.restart();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.baseUri()).isEqualTo(before);
    assertThat(post(server, "ops")).as("the script survives the outage").isEqualTo(202);
    assertThat(server.awaitReceived(2, WAIT)).extracting(Received::status).containsExactly(500,
        202);
  }

  @Test
  void aWaitThatIsNotMetFailsNamingWhatItAwaited(LocalWebhookServer server) throws Exception {
    post(server, "ops");

    assertThatThrownBy(() -> server.awaitReceived(2, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0.05S waiting for at least 2 requests answered by the"
            + " web-hook server; there were 1");
  }
}
