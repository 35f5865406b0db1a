package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.fcm.FcmAnswer;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel on firebase-admin's production transport, {@code ApacheHttp2Transport} (HTTP/2
 * over TLS, Apache HttpClient 5 async), through {@link Http2Front} to the local peer.
 */
class Http2TransportTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static FcmPeer peer;
  private static Http2Front front;
  private static FcmChannel channel;

  @BeforeAll
  static void start() throws Exception {
    peer = FcmPeer.start();
    front = new Http2Front(peer);
    channel = Messages.channel(front).readTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterAll
  static void stop() {
    channel.close();
    front.close();
    peer.close();
  }

  @BeforeEach
  void reset() {
    peer.reset();
  }

  /**
   * The classification table's answers over HTTP/2, but for the dropped connection (the front
   * answers it 502, a transient failure, as Google's front end would).
   */
  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("dev.notify.fcm.FcmClassificationTest#errors")
  void eachAnswerIsClassifiedAlikeOverHttp2(FcmAnswer answer,
      Class<? extends DeliveryResult> expected) {
    String token = FcmPeer.token(9);
    peer.respond(token, answer);
    try (ManualChannelContext context = ManualChannelContext.create()) {
      DeliveryResult result = channel.sendBlocking(Messages.delivery("d-1", token), context);
      assertThat(result).isInstanceOf(answer.kind() == FcmAnswer.Kind.DROP
          ? DeliveryResult.Retryable.class : expected);
    }
  }

  @Test
  void sendsAndErrorsAreTheSameOverTheProductionHttp2Transport() throws Exception {
    try (ManualChannelContext context = ManualChannelContext.create()) {
      String ok = FcmPeer.token(1);
      String gone = FcmPeer.token(2);
      String busy = FcmPeer.token(3);
      peer.respond(gone, FcmAnswer.error("UNREGISTERED"));
      peer.respond(busy, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(9)));
      int before = front.protocols().size();
      assertThat(channel.sendBlocking(Messages.delivery("d-1", ok), context))
          .isEqualTo(DeliveryResult.sent("projects/notify-test/messages/1"));
      assertThat(channel.sendBlocking(Messages.delivery("d-2", gone), context))
          .isInstanceOf(DeliveryResult.AddressInvalid.class);
      assertThat(channel.sendBlocking(Messages.delivery("d-3", busy), context)).isEqualTo(
          DeliveryResult.retryable("UNAVAILABLE (HTTP 503)", Duration.ofSeconds(9)));
      assertThat(peer.awaitReceived(3, WAIT).get(0).at("notification.title")).isEqualTo("Hello");
      assertThat(front.protocols()).hasSize(before + 3).containsOnly("HTTP/2.0");
    }
  }
}
