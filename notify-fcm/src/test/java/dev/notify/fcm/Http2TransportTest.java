package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.fcm.FcmAnswer;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The channel on firebase-admin's production transport, {@code ApacheHttp2Transport} (HTTP/2
 * over TLS, Apache HttpClient 5 async), through {@link Http2Front} to the local peer.
 */
class Http2TransportTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void sendsAndErrorsAreTheSameOverTheProductionHttp2Transport() throws Exception {
    try (FcmPeer peer = FcmPeer.start(); Http2Front front = new Http2Front(peer);
        ManualChannelContext context = ManualChannelContext.create()) {
      String ok = FcmPeer.token(1);
      String gone = FcmPeer.token(2);
      String busy = FcmPeer.token(3);
      peer.respond(gone, FcmAnswer.error("UNREGISTERED"));
      peer.respond(busy, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(9)));
      try (FcmChannel channel = FcmChannel.builder().credentials(FcmPeerConnection.credentials())
          .projectId(Messages.PROJECT).httpTransport(front.transport()).build()) {
        assertThat(channel.sendBlocking(Messages.delivery("d-1", ok), context))
            .isEqualTo(DeliveryResult.sent("projects/notify-test/messages/1"));
        assertThat(channel.sendBlocking(Messages.delivery("d-2", gone), context))
            .isInstanceOf(DeliveryResult.AddressInvalid.class);
        assertThat(channel.sendBlocking(Messages.delivery("d-3", busy), context)).isEqualTo(
            DeliveryResult.retryable("UNAVAILABLE (HTTP 503)", Duration.ofSeconds(9)));
      }
      assertThat(peer.awaitReceived(3, WAIT).get(0).at("notification.title")).isEqualTo("Hello");
      assertThat(front.protocols()).hasSize(3).containsOnly("HTTP/2.0");
    }
  }
}
