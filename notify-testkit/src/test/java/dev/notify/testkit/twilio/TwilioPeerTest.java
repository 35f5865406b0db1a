package dev.notify.testkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.testkit.ProviderPeerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Twilio peer's wire format, spoken to with the JDK's HTTP client. */
class TwilioPeerTest {
  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> post(TwilioPeer peer, String account, String user,
      String secret, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(peer.baseUri().resolve("/2010-04-01/Accounts/"
            + account + "/Messages.json")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAcceptedMessageIs201WithAMessageJsonAndRecordedWithItsForm(TwilioPeer peer)
      throws Exception {
    HttpResponse<String> r = post(peer, peer.accountSid(), peer.accountSid(), peer.authToken(),
        "To=%2B14155552671&From=%2B14155550100&Body=Hi+there");
    assertThat(r.statusCode()).isEqualTo(201);
    ReceivedSms sms = peer.awaitReceived(1, Duration.ofSeconds(10)).get(0);
    assertThat(sms.messageSid()).matches("SM[0-9a-f]{32}");
    assertThat(r.body()).contains("\"sid\":\"" + sms.messageSid() + "\"")
        .contains("\"status\":\"queued\"").contains("\"to\":\"+14155552671\"");
    assertThat(sms.form()).isEqualTo(Map.of("To", "+14155552671", "From", "+14155550100",
        "Body", "Hi there"));
    assertThat(sms.toString()).doesNotContain("+14155552671");
  }

  @Test
  void wrongCredentialsAre401With20003AndAnUnknownPathIs404(TwilioPeer peer) throws Exception {
    HttpResponse<String> r = post(peer, peer.accountSid(), peer.accountSid(), "wrong", "To=1");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"code\":20003").contains("\"status\":401");
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(peer.baseUri()
        .resolve("/2010-04-01/Accounts/x/Calls.json")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(peer.received()).isEmpty();
  }

  @Test
  void scriptedErrorsCarryTwiliosJsonAndRetryAfterAndStopOptsOut(TwilioPeer peer)
      throws Exception {
    peer.respond("+14155552671", TwilioAnswer.tooManyRequests(Duration.ofSeconds(3)),
        TwilioAnswer.error(400, 21211, "Invalid 'To' Phone Number"));
    String form = "To=%2B14155552671&Body=x";
    HttpResponse<String> throttled = post(peer, peer.accountSid(), peer.accountSid(),
        peer.authToken(), form);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
    HttpResponse<String> invalid = post(peer, peer.accountSid(), peer.accountSid(),
        peer.authToken(), form);
    assertThat(invalid.body()).contains("\"code\":21211").contains("\"more_info\":")
        .contains("\"message\":\"Invalid 'To' Phone Number\"");
    peer.reply("+33612345678", "stop");
    HttpResponse<String> stopped = post(peer, peer.accountSid(), peer.accountSid(),
        peer.authToken(), "To=%2B33612345678&Body=x");
    assertThat(stopped.body()).contains("\"code\":21610");
  }

  @Test
  void anApiKeyAuthenticatesOnlyForItsOwnAccount(TwilioPeer peer) throws Exception {
    String key = "SK" + "ab".repeat(16);
    String other = "AC" + "cd".repeat(16);
    peer.addAccount(other, "other-token");
    peer.addApiKey(key, "s3cret", peer.accountSid());
    assertThat(post(peer, peer.accountSid(), key, "s3cret", "To=1").statusCode()).isEqualTo(201);
    assertThat(post(peer, other, key, "s3cret", "To=1").statusCode()).isEqualTo(401);
  }

  @Test
  void aSignatureCoversTheUrlAndEveryParameterInAnyOrder() {
    // Agreement with twilio-java's RequestValidator is tested in notify-sms, which has it.
    String url = "https://hooks.example.com/status?tenant=7";
    Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("To", "+14155552671");
    params.put("MessageSid", "SM1");
    Map<String, String> reversed = new java.util.LinkedHashMap<>();
    reversed.put("MessageSid", "SM1");
    reversed.put("To", "+14155552671");
    String signature = TwilioSignatures.sign("token", url, params);
    assertThat(TwilioSignatures.sign("token", url, reversed)).isEqualTo(signature);
    assertThat(Base64.getDecoder().decode(signature)).hasSize(20);
    assertThat(TwilioSignatures.sign("token", url.replace("7", "8"), params))
        .isNotEqualTo(signature);
    assertThat(TwilioSignatures.sign("other", url, params)).isNotEqualTo(signature);
    assertThat(URI.create(url).getQuery()).isEqualTo("tenant=7");
  }
}
