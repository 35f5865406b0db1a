package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.exponential;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.event.LaneEvent;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.Attempt;
import dev.notify.status.CircuitState;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
  private NotificationClient client;

  @BeforeEach
  void build() {
    client = NotificationClient.builder().channel(channel).clock(time.clock()).scheduler(time)
        .retryPolicy(exponential(2)).listener(events).build();
  }

  @AfterEach
  void close() {
    client.close();
    time.close();
  }

  private CircuitState circuit() {
    return client.stats().lanes().get("email").circuit();
  }

  @Test
  void channelUnavailablePausesTheLaneWithoutFailingAnythingAndAProbeResumesIt() {
    channel.respondByDefault(DeliveryResult.channelUnavailable("503 maintenance", null));
    List<SendReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      receipts.add(client.send(email("cu-" + i, "u" + i + "@example.com")));
    }
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("every attempt answered", () -> client.stats().lanes().get("email")
        .inFlight() == 0);
    assertThat(circuit()).isEqualTo(CircuitState.OPEN);
    for (SendReceipt r : receipts) {
      DeliveryStatus d = client.status(r.id()).orElseThrow().deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.QUEUED);
    }
    assertThat(events.count(EventType.FAILED)).isZero();
    assertThat(events.count(EventType.DEAD)).isZero();

    channel.respondByDefault(DeliveryResult.sent("ok"));
    time.advance(Duration.ofSeconds(1));
    events.await(EventType.LANE_RESUMED, 1, WAIT);
    for (SendReceipt r : receipts) {
      DeliveryStatus d = finalStatus(r).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      // Sent once; any earlier attempt met the unavailable channel and did not count.
      assertThat(d.attempts()).extracting(Attempt::outcome).endsWith(Outcome.SENT)
          .containsOnlyOnce(Outcome.SENT).isSubsetOf(Outcome.CHANNEL_UNAVAILABLE, Outcome.SENT);
    }
    assertThat(events.count(EventType.LANE_PAUSED)).isEqualTo(1);
    assertThat(circuit()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aFailedProbeReopensTheCircuitWithADoubledDelay() {
    channel.respondByDefault(DeliveryResult.channelUnavailable("503", null));
    client.send(email("p-1", "ada@example.com"));
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("first attempt answered", () -> circuit() == CircuitState.OPEN);
    assertThat(time.pendingDueTimes()).contains(T0.plusSeconds(1));

    time.advance(Duration.ofSeconds(1));
    channel.awaitSends(2, WAIT);
    Fixtures.await("probe answered and circuit re-opened",
        () -> circuit() == CircuitState.OPEN && time.pendingDueTimes().contains(T0.plusSeconds(3)));
    assertThat(events.count(EventType.LANE_PAUSED)).isEqualTo(1);
    assertThat(events.count(EventType.LANE_RESUMED)).isZero();
  }

  @Test
  void retryAfterOfAnUnavailableChannelSetsTheProbeTime() {
    channel.respondWith(DeliveryResult.channelUnavailable("429 quota", Duration.ofSeconds(42)));
    SendReceipt r = client.send(email("q-1", "ada@example.com"));
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("probe scheduled", () -> time.pendingDueTimes().contains(T0.plusSeconds(42)));
    time.advance(Duration.ofSeconds(42));
    assertThat(finalStatus(r).isSent()).isTrue();
  }

  @Test
  void configurationErrorWaitsTheLongestAndCanBeResumedByHand() {
    channel.respondByDefault(DeliveryResult.configurationError("InvalidProviderToken"));
    SendReceipt r = client.send(email("c-1", "ada@example.com"));
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("probe scheduled", () -> time.pendingDueTimes().contains(T0.plusSeconds(300)));

    channel.respondByDefault(DeliveryResult.sent("ok"));
    client.resumeChannel("email");
    assertThat(((LaneEvent) events.await(EventType.LANE_RESUMED, 1, WAIT).get(0)).reason())
        .contains("by hand");
    assertThat(finalStatus(r).isSent()).isTrue();
    assertThat(events.count(EventType.FAILED)).isZero();
  }

  @Test
  void theProbeIsTakenFromTheLogWhenNothingForTheLaneIsInMemory() {
    channel.respondByDefault(DeliveryResult.channelUnavailable("503", null));
    client.send(email("gone", "ada@example.com"));
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("paused", () -> circuit() == CircuitState.OPEN);
    SendReceipt waiting = client.send(email("waiting", "bob@example.com"));
    // The delivery that tripped the circuit, queued for the probe, is cancelled: what is left for
    // the lane is only in the log.
    assertThat(client.cancel("gone")).isTrue();
    assertThat(client.status("waiting").orElseThrow().deliveries().get(0).state())
        .isEqualTo(DeliveryState.QUEUED);

    channel.respondByDefault(DeliveryResult.sent("ok"));
    time.advance(Duration.ofSeconds(1));

    assertThat(finalStatus(waiting).isSent()).isTrue();
    assertThat(events.await(EventType.LANE_RESUMED, 1, WAIT)).hasSize(1);
    assertThat(channel.sends()).extracting(d -> d.message().notificationId())
        .containsExactly("gone", "waiting");
  }

  @Test
  void workArrivingWhileTheLaneIsPausedWaitsInTheLog() {
    channel.respondByDefault(DeliveryResult.channelUnavailable("503", null));
    client.send(email("w-0", "ada@example.com"));
    events.await(EventType.LANE_PAUSED, 1, WAIT);
    Fixtures.await("paused", () -> circuit() == CircuitState.OPEN);
    SendReceipt later = client.send(email("w-1", "bob@example.com"));
    Fixtures.await("parked in the log", () -> client.stats().inMemory() == 1);
    assertThat(client.status("w-1").orElseThrow().deliveries().get(0).state())
        .isEqualTo(DeliveryState.QUEUED);

    channel.respondByDefault(DeliveryResult.sent("ok"));
    time.advance(Duration.ofSeconds(1));
    assertThat(finalStatus(later).isSent()).isTrue();
  }
}
