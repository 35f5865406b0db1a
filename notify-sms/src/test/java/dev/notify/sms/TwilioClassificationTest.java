package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioAnswer;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Twilio answer of the README's table, from the real twilio-java over HTTP to the peer. */
class TwilioClassificationTest {
  static final String TO = "+14155552671";

  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  static DeliveryResult send(SmsChannel channel, String to) {
    try (ManualChannelContext context = ManualChannelContext.create()) {
      return AcceptedSendTest.send(channel,
          AcceptedSendTest.message(to, "Your code is 123456", null, null), context);
    }
  }

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
      "400, 21211, AddressInvalid",
      "400, 21614, AddressInvalid",
      "400, 21610, OptedOut",
      "400, 21408, Permanent",
      "400, 21612, Permanent",
      "401, 20003, ChannelUnavailable",
      "404, 20404, ChannelUnavailable",
      "400, 21602, Permanent",
      "429, 20429, Retryable",
      "503, 20500, Retryable"})
  void eachTwilioErrorIsClassified(int status, int code, String kind, TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.error(status, code, "scripted " + code));
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      DeliveryResult r = send(channel, TO);
      assertThat(r.getClass().getSimpleName()).isEqualTo(kind);
      if (r instanceof DeliveryResult.ChannelUnavailable u) {
        assertThat(u.configurationError()).as("auth and account errors are configuration")
            .isTrue();
      }
      assertThat(r.toString()).contains(Integer.toString(code)).doesNotContain(TO);
    }
  }

  @Test
  void aWrongAuthTokenIsAConfigurationErrorFromThePeersOwnCheck(TwilioPeer peer) {
    try (SmsChannel channel = SmsChannel.builder().account(peer.accountSid(), "wrong-token")
        .from(PeerChannels.FROM).httpClient(b -> b.setRoutePlanner(
            TwilioRoutes.to(peer))).build()) {
      DeliveryResult r = send(channel, TO);
      assertThat(r).isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
          u -> assertThat(u.configurationError()).isTrue());
      assertThat(peer.received()).isEmpty();
    }
  }

  @Test
  void tooManyRequestsHonoursRetryAfter(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.tooManyRequests(Duration.ofSeconds(7)));
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThat(send(channel, TO)).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
          r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
      assertThat(peer.received()).as("no hidden retry of the 429 by HttpClient").hasSize(1);
    }
  }

  @Test
  void twilioJavasOwnRetriesOf5xxAreCountedIn(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.error(503, 20500, "Service Unavailable"));
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      DeliveryResult r = send(channel, TO);
      int requests = peer.received().size();
      assertThat(requests).as("twilio-java retries 5xx itself").isGreaterThan(1);
      assertThat(r).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
          x -> assertThat(x.reason()).contains("after " + requests + " requests"));
    }
  }

  @Test
  void aFlaky5xxThatTwilioJavaRetriedIntoSuccessIsSent(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.error(500, 20500, "Internal"), TwilioAnswer.accept());
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThat(send(channel, TO)).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(peer.received()).extracting(ReceivedSms::accepted).containsExactly(false, true);
    }
  }

  @Test
  void aDroppedConnectionIsRetryable(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.drop());
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThat(send(channel, TO)).isInstanceOf(DeliveryResult.Retryable.class);
      assertThat(peer.received()).as("no hidden retry of the POST").hasSize(1);
    }
  }

  @Test
  void aStoppedPeerIsRetryable(TwilioPeer peer) {
    peer.stop();
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThat(send(channel, TO)).isInstanceOf(DeliveryResult.Retryable.class);
    }
  }

  @Test
  void aPeerThatStopsAnsweringEndsInTheReadTimeout(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.silent());
    try (SmsChannel channel = PeerChannels.to(peer).readTimeout(Duration.ofMillis(300))
        .build()) {
      long start = System.nanoTime();
      DeliveryResult r = send(channel, TO);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(r).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
          x -> assertThat(x.reason()).startsWith("Twilio request timed out"));
      assertThat(tookMs).as("ended by the read timeout, not twilio-java's 30 s default")
          .isLessThan(20_000);
    } finally {
      peer.releaseHeld();
    }
  }

  @Test
  void aServerThatNeverAcceptsEndsInTheConnectTimeout(TwilioPeer peer) throws Exception {
    // A listening socket whose accept queue is full: the kernel drops further SYNs, so a
    // connect hangs until the client's connect timeout (twilio-java's own is 30.5 s).
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.io.IOException e) {
            s.close();
            break; // the queue is full
          }
        }
        int port = full.getLocalPort();
        try (SmsChannel channel = SmsChannel.builder().account(peer.accountSid(),
            peer.authToken()).from(PeerChannels.FROM).connectTimeout(Duration.ofMillis(300))
            .httpClient(b -> b.setRoutePlanner((target, context) ->
                new org.apache.hc.client5.http.HttpRoute(new org.apache.hc.core5.http.HttpHost(
                    "http", "127.0.0.1", port)))).build()) {
          long start = System.nanoTime();
          DeliveryResult r = send(channel, TO);
          long tookMs = (System.nanoTime() - start) / 1_000_000;
          assertThat(r).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
              x -> assertThat(x.reason()).startsWith("Twilio request timed out")
                  .contains("Connect"));
          assertThat(tookMs).as("ended by the connect timeout, not twilio-java's 30.5 s")
              .isLessThan(20_000);
        }
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void aSlowAnswerWithinTheReadTimeoutIsSent(TwilioPeer peer) {
    peer.respond(TO, TwilioAnswer.accept().after(Duration.ofMillis(200)));
    try (SmsChannel channel = PeerChannels.to(peer).readTimeout(Duration.ofSeconds(10))
        .build()) {
      assertThat(send(channel, TO)).isInstanceOf(DeliveryResult.Sent.class);
    }
  }
}
