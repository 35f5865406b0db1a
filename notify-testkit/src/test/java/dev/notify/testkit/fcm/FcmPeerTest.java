package dev.notify.testkit.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notify.testkit.ProviderPeerExtension;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The peer's wire format, with the JDK's own HTTP client: what FCM v1 answers, as scripted. */
class FcmPeerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = FcmPeer.token(3);

  @RegisterExtension
  static final ProviderPeerExtension<FcmPeer> PEER = ProviderPeerExtension.of(FcmPeer::start);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> post(FcmPeer peer, String path, String body, boolean auth)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(peer.baseUri().resolve(path))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (auth) {
      b.header("Authorization", "Bearer t");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(String token) {
    return "{\"message\":{\"token\":\"" + token + "\",\"notification\":{\"title\":\"Hi\"}}}";
  }

  @Test
  void anAcceptedMessageGetsItsNameAndIsRecordedParsed(FcmPeer peer) throws Exception {
    HttpResponse<String> r = post(peer, "v1/projects/p-1/messages:send", message(TOKEN), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("name").asText())
        .isEqualTo("projects/p-1/messages/1");
    ReceivedFcmRequest got = peer.awaitReceived(1, Duration.ofSeconds(10)).get(0);
    assertThat(got.projectId()).isEqualTo("p-1");
    assertThat(got.at("notification.title")).isEqualTo("Hi");
    assertThat(got.toString()).doesNotContain(TOKEN);
  }

  @Test
  void errorsCarryTheFcmErrorDetailAndRetryAfter(FcmPeer peer) throws Exception {
    peer.respond(TOKEN, FcmAnswer.error("QUOTA_EXCEEDED").withRetryAfter(Duration.ofSeconds(90)));
    HttpResponse<String> r = post(peer, "v1/projects/p-1/messages:send", message(TOKEN), true);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("90");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.path("details").get(0).path("@type").asText())
        .isEqualTo("type.googleapis.com/google.firebase.fcm.v1.FcmError");
    assertThat(error.path("details").get(0).path("errorCode").asText())
        .isEqualTo("QUOTA_EXCEEDED");

    peer.respond(TOKEN, FcmAnswer.invalidToken());
    JsonNode invalid = JSON.readTree(post(peer, "v1/projects/p-1/messages:send", message(TOKEN),
        true).body()).path("error").path("details");
    assertThat(invalid.get(1).path("fieldViolations").get(0).path("field").asText())
        .isEqualTo("message.token");
  }

  @Test
  void wrongPathsMissingAuthAndBadBodiesAreRefusedAsFcmWould(FcmPeer peer) throws Exception {
    assertThat(post(peer, "v1/projects/p-1/messages:sendAll", message(TOKEN), true).statusCode())
        .isEqualTo(404);
    assertThat(post(peer, "v1/projects/p-1/messages:send", message(TOKEN), false).statusCode())
        .isEqualTo(401);
    assertThat(post(peer, "v1/projects/p-1/messages:send", "{nope", true).statusCode())
        .isEqualTo(400);
    assertThat(post(peer, "v1/projects/p-1/messages:send",
        "{\"message\":{\"token\":\"a\",\"topic\":\"b\"}}", true).statusCode()).isEqualTo(400);
  }

  @Test
  void aDroppedConnectionGetsNoAnswer(FcmPeer peer) {
    peer.respond(TOKEN, FcmAnswer.drop());
    assertThatThrownBy(() -> post(peer, "v1/projects/p-1/messages:send", message(TOKEN), true))
        .isInstanceOf(IOException.class);
    assertThat(peer.receivedCount()).isEqualTo(1);
  }

  @Test
  void unknownErrorCodesAreRefused() {
    assertThatThrownBy(() -> FcmAnswer.error("NOPE")).hasMessageContaining("'NOPE'")
        .hasMessageContaining("UNREGISTERED");
  }
}
