package dev.notify.apns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.apns.internal.ConnectionGate.Admission;
import dev.notify.spi.DeliveryResult;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {
  private static final ConnectException REFUSED = new ConnectException("Connection refused");

  @Test
  void oneFailedAttemptClosesTheGateOfASingleConnectionChannel() {
    ConnectionGate gate = new ConnectionGate(1);
    assertThat(gate.admit()).isEqualTo(Admission.PASS);

    gate.handleConnectionCreationFailed(null);
    gate.completed(Admission.PASS, false, REFUSED, ResponseClassifier.classifyFailure(REFUSED));

    assertThat(gate.admit()).isEqualTo(Admission.PROBE);
    assertThat(gate.admit()).isEqualTo(Admission.REFUSED);
    assertThat(gate.refusal()).isEqualTo(DeliveryResult.channelUnavailable(
        "APNs unreachable, not sent: ConnectException: Connection refused", null));
  }

  @Test
  void theProbeThatFailsLetsTheNextOneThrough() {
    ConnectionGate gate = new ConnectionGate(1);
    gate.handleConnectionCreationFailed(null);
    Admission probe = gate.admit();

    gate.handleConnectionCreationFailed(null);
    gate.completed(probe, false, REFUSED, ResponseClassifier.classifyFailure(REFUSED));

    assertThat(gate.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void aProbeThatCannotConnectReportsTheChannelUnavailableNotRetryable() {
    ConnectionGate gate = new ConnectionGate(1);
    gate.handleConnectionCreationFailed(null);
    Admission probe = gate.admit();
    assertThat(probe).isEqualTo(Admission.PROBE);

    gate.handleConnectionCreationFailed(null);
    DeliveryResult reported = gate.completed(probe, false, REFUSED,
        ResponseClassifier.classifyFailure(REFUSED));

    // Certainly not sent, and every connection is still down: the lane must stay paused and the
    // delivery must not spend an attempt, so it is not a retryable failure.
    assertThat(reported).isInstanceOf(DeliveryResult.ChannelUnavailable.class);
    assertThat(gate.completed(Admission.PASS, false, REFUSED,
        ResponseClassifier.classifyFailure(REFUSED)))
        .as("a send that passed an open gate keeps its own classification")
        .isInstanceOf(DeliveryResult.Retryable.class);
  }

  @Test
  void anAnswerOrANewConnectionOpensTheGate() {
    ConnectionGate gate = new ConnectionGate(1);
    gate.handleConnectionCreationFailed(null);
    gate.completed(gate.admit(), true, null, null);
    assertThat(gate.admit()).isEqualTo(Admission.PASS);

    gate.handleConnectionCreationFailed(null);
    gate.handleConnectionAdded(null);
    assertThat(gate.admit()).isEqualTo(Admission.PASS);
  }

  @Test
  void withSeveralConnectionsOneThatCannotBeRecreatedDoesNotCloseTheGate() {
    ConnectionGate gate = new ConnectionGate(2);

    gate.handleConnectionCreationFailed(null);
    gate.completed(Admission.PASS, true, null, null); // the healthy connection answers
    gate.handleConnectionCreationFailed(null);

    assertThat(gate.admit()).isEqualTo(Admission.PASS);

    gate.handleConnectionCreationFailed(null); // two in a row without an answer: all down
    assertThat(gate.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void aCertificateFailureKeepsTheGateClosedAsAConfigurationError() {
    ConnectionGate gate = new ConnectionGate(1);
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertificateException("no trusted certificate"));

    gate.handleConnectionCreationFailed(null);
    gate.completed(Admission.PASS, false, untrusted,
        ResponseClassifier.classifyFailure(untrusted));

    assertThat(gate.refusal()).isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
        unavailable -> assertThat(unavailable.configurationError()).isTrue());
  }

  @Test
  void aDroppedConnectionDoesNotCloseTheGate() {
    ConnectionGate gate = new ConnectionGate(1);
    java.io.IOException dropped = new java.io.IOException("Stream closed before a reply");

    gate.completed(Admission.PASS, false, dropped, ResponseClassifier.classifyFailure(dropped));

    assertThat(gate.admit()).isEqualTo(Admission.PASS);
  }
}
