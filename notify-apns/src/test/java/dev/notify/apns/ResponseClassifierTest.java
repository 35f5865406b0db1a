package dev.notify.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.apns.internal.ResponseClassifier;
import dev.notify.apns.internal.TopicSource;
import dev.notify.spi.DeliveryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What the peer cannot send: reasons pushy's mock server does not know, and failures without an
 * answer.
 */
class ResponseClassifierTest {

  @Test
  void unknownReasonIsPermanentWithTheReasonText() {
    DeliveryResult result = ResponseClassifier.classify(400, "SomethingNew", null,
        TopicSource.DEFAULT);

    assertThat(result).isEqualTo(DeliveryResult.permanent("SomethingNew (HTTP 400)"));
  }

  @Test
  void unknownReasonWithAServerErrorStatusIsRetryable() {
    assertThat(Kind.of(ResponseClassifier.classify(503, "SomethingNew", null,
        TopicSource.DEFAULT))).isEqualTo(Kind.RETRYABLE);
    assertThat(Kind.of(ResponseClassifier.classify(500, null, null, TopicSource.DEFAULT)))
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void reasonsApnsDocumentsBeyondPushysMockAreClassified() {
    assertThat(Kind.of(ResponseClassifier.classify(410, "ExpiredToken", null,
        TopicSource.DEFAULT))).isEqualTo(Kind.ADDRESS_INVALID);
    assertThat(Kind.of(ResponseClassifier.classify(403, "UnrelatedKeyIdInToken", null,
        TopicSource.DEFAULT))).isEqualTo(Kind.CONFIGURATION);
    assertThat(Kind.of(ResponseClassifier.classify(400, "BadPushType", null,
        TopicSource.DEFAULT))).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void refusedAndDroppedConnectionsAreRetryable() {
    assertThat(ResponseClassifier.classifyFailure(new ConnectException("Connection refused")))
        .isEqualTo(DeliveryResult.retryable("ConnectException: Connection refused"));
    assertThat(Kind.of(ResponseClassifier.classifyFailure(
        new IOException("Stream closed before a reply was received")))).isEqualTo(Kind.RETRYABLE);
    assertThat(Kind.of(ResponseClassifier.classifyFailure(new ClosedChannelException())))
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void wrappedFailuresAreUnwrapped() {
    DeliveryResult result = ResponseClassifier.classifyFailure(
        new CompletionException(new ConnectException("Connection refused")));

    assertThat(Kind.reason(result)).startsWith("ConnectException");
  }

  @Test
  void certificateFailuresAreConfigurationErrors() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path"));

    assertThat(Kind.of(ResponseClassifier.classifyFailure(handshake)))
        .isEqualTo(Kind.CONFIGURATION);
    assertThat(Kind.of(ResponseClassifier.classifyFailure(
        new SSLHandshakeException("Received fatal alert: bad_certificate"))))
        .isEqualTo(Kind.CONFIGURATION);
  }

  @Test
  void otherTlsFailuresAreRetryable() {
    assertThat(Kind.of(ResponseClassifier.classifyFailure(
        new SSLHandshakeException("Remote host terminated the handshake"))))
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void aClosedClientMakesTheChannelUnavailable() {
    assertThat(Kind.of(ResponseClassifier.classifyFailure(new IllegalStateException(
        "Client has been closed and can no longer send push notifications."))))
        .isEqualTo(Kind.UNAVAILABLE);
  }
}
