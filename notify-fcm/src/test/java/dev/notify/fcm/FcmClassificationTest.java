package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.fcm.FcmAnswer;
import dev.notify.testkit.fcm.FcmPeer;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the README's classification table, against the peer over real HTTP. */
class FcmClassificationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOKEN = FcmPeer.token(7);

  @RegisterExtension
  static final ProviderPeerExtension<FcmPeer> PEER = ProviderPeerExtension.of(FcmPeer::start);

  private FcmChannel channel;
  private ManualChannelContext context;

  @BeforeEach
  void open(FcmPeer peer) {
    channel = Messages.channel(peer).readTimeout(Duration.ofSeconds(2)).build();
    context = ManualChannelContext.create();
  }

  @AfterEach
  void close() {
    channel.close();
    context.close();
  }

  private DeliveryResult send() {
    return channel.sendBlocking(Messages.delivery("d-1", TOKEN), context);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(FcmAnswer.error("UNREGISTERED"), DeliveryResult.AddressInvalid.class),
        Arguments.of(FcmAnswer.error("SENDER_ID_MISMATCH"), DeliveryResult.AddressInvalid.class),
        Arguments.of(FcmAnswer.invalidToken(), DeliveryResult.AddressInvalid.class),
        Arguments.of(FcmAnswer.error("INVALID_ARGUMENT"), DeliveryResult.Permanent.class),
        Arguments.of(FcmAnswer.error("UNAVAILABLE"), DeliveryResult.Retryable.class),
        Arguments.of(FcmAnswer.error("INTERNAL"), DeliveryResult.Retryable.class),
        Arguments.of(FcmAnswer.error("QUOTA_EXCEEDED"),
            DeliveryResult.ChannelUnavailable.class),
        Arguments.of(FcmAnswer.error("THIRD_PARTY_AUTH_ERROR"),
            DeliveryResult.ChannelUnavailable.class),
        Arguments.of(FcmAnswer.error(401, "UNAUTHENTICATED", null),
            DeliveryResult.ChannelUnavailable.class),
        Arguments.of(FcmAnswer.error(403, "PERMISSION_DENIED", null),
            DeliveryResult.ChannelUnavailable.class),
        Arguments.of(FcmAnswer.raw(404, "<html>Not Found</html>"),
            DeliveryResult.ChannelUnavailable.class),
        Arguments.of(FcmAnswer.raw(502, "<html>Bad Gateway</html>"),
            DeliveryResult.Retryable.class),
        Arguments.of(FcmAnswer.error(400, "FAILED_PRECONDITION", null),
            DeliveryResult.Permanent.class),
        Arguments.of(FcmAnswer.drop(), DeliveryResult.OutcomeUnknown.class),
        Arguments.of(FcmAnswer.accept().withLatency(Duration.ofSeconds(4)),
            DeliveryResult.OutcomeUnknown.class));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("errors")
  void eachAnswerIsClassified(FcmAnswer answer, Class<? extends DeliveryResult> expected,
      FcmPeer peer) {
    peer.respond(TOKEN, answer);
    DeliveryResult result = send();
    assertThat(result).isInstanceOf(expected);
    assertThat(result.toString()).doesNotContain(TOKEN);
    if (result instanceof DeliveryResult.ChannelUnavailable u) {
      boolean quota = "QUOTA_EXCEEDED".equals(answer.errorCode());
      assertThat(u.configurationError()).as("configuration error").isEqualTo(!quota);
      assertThat(u.retryAfter()).isEqualTo(quota ? Duration.ofSeconds(60) : null);
    }
    // Google's auth library refreshes the token on a 401 and sends once more; nothing else
    // is sent twice.
    boolean unauthorized = answer.status() == 401;
    assertThat(peer.awaitReceived(1, WAIT)).hasSize(unauthorized ? 2 : 1);
    if (unauthorized) {
      assertThat(result.toString()).contains("after 2 requests");
    }
  }

  @Test
  void quotaExceededWaitsForALongerRetryAfter(FcmPeer peer) {
    peer.respond(TOKEN, FcmAnswer.error("QUOTA_EXCEEDED").withRetryAfter(Duration.ofMinutes(3)));
    assertThat(send()).isEqualTo(DeliveryResult.channelUnavailable(
        "QUOTA_EXCEEDED (HTTP 429): the project's quota", Duration.ofMinutes(3)));
  }

  @Test
  void unavailableCarriesTheRetryAfterAndTheSdkDoesNotRetryByDefault(FcmPeer peer) {
    peer.respond(TOKEN, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(7)),
        FcmAnswer.accept());
    assertThat(send()).isEqualTo(
        DeliveryResult.retryable("UNAVAILABLE (HTTP 503)", Duration.ofSeconds(7)));
    assertThat(peer.receivedCount()).isEqualTo(1);
  }

  @Test
  void theSdksOwnRetriesAreBoundedAndCounted(FcmPeer peer) {
    try (FcmChannel retrying = Messages.channel(peer).sdkRetries(2).build()) {
      peer.respond(TOKEN, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(1)));
      DeliveryResult result = retrying.sendBlocking(Messages.delivery("d-1", TOKEN), context);
      assertThat(result).isEqualTo(DeliveryResult.retryable("UNAVAILABLE (HTTP 503), after 3"
          + " requests (the SDK retried 2 times)", Duration.ofSeconds(1)));
      assertThat(peer.receivedCount()).as("1 + sdkRetries requests, no more").isEqualTo(3);
    }
  }

  @Test
  void theSdksRetriesStopAtTheBudgetWhenThe503HasNoRetryAfter(FcmPeer peer) {
    try (FcmChannel retrying = Messages.channel(peer).sdkRetries(1).build()) {
      peer.respond(TOKEN, FcmAnswer.error("UNAVAILABLE"), FcmAnswer.error("UNAVAILABLE"),
          FcmAnswer.accept());
      DeliveryResult result = retrying.sendBlocking(Messages.delivery("d-1", TOKEN), context);
      assertThat(result).isEqualTo(DeliveryResult.retryable("UNAVAILABLE (HTTP 503), after 2"
          + " requests (the SDK retried 1 times)", null));
      assertThat(peer.receivedCount()).as("1 + sdkRetries requests, no more").isEqualTo(2);
    }
  }

  @Test
  void aRetryOfTheSdkThatSucceedsIsSent(FcmPeer peer) {
    try (FcmChannel retrying = Messages.channel(peer).sdkRetries(1).build()) {
      peer.respond(TOKEN, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(1)),
          FcmAnswer.accept());
      assertThat(retrying.sendBlocking(Messages.delivery("d-1", TOKEN), context))
          .isInstanceOf(DeliveryResult.Sent.class);
      assertThat(peer.awaitReceived(2, WAIT)).extracting(r -> r.answer().accepted())
          .containsExactly(false, true);
    }
  }

  @Test
  void aStoppedPeerIsRetryable(FcmPeer peer) {
    peer.stop();
    DeliveryResult result = send();
    assertThat(result).isInstanceOf(DeliveryResult.Retryable.class);
    assertThat(((DeliveryResult.Retryable) result).reason()).contains("ConnectException");
  }
}
