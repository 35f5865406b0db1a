package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.exponential;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.policy.LaneOptions;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine enforces a deadline on every attempt, whatever the channel does. */
class AttemptDeadlineTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel channel = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();

  @AfterEach
  void close() {
    channel.release();
    time.close();
  }

  private NotificationClient client() {
    return NotificationClient.builder().channel(channel)
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)
            .withAttemptTimeout(Duration.ofSeconds(30)))
        .retryPolicy(exponential(3)).clock(time.clock()).scheduler(time).listener(events).build();
  }

  @Test
  void anAttemptWithoutAnAnswerIsCutOffAtTheDeadlineFreesItsSlotAndIsRetried() {
    channel.hold(); // the channel's stages never complete until released
    try (NotificationClient client = client()) {
      SendReceipt r = client.send(email("hang", "ada@example.com"));
      channel.awaitSends(1, WAIT);
      time.advance(Duration.ofSeconds(29));
      assertThat(client.stats().lanes().get("email").inFlight()).isEqualTo(1);

      time.advance(Duration.ofSeconds(1));
      DeliveryEvent retry = events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, WAIT).get(0);
      assertThat(retry.reason()).contains("within PT30S (the attempt deadline)");
      assertThat(retry.nextAttemptAt()).isEqualTo(T0.plusSeconds(31));
      assertThat(client.stats().lanes().get("email").inFlight()).as("the slot is free").isZero();

      time.advance(Duration.ofSeconds(1));
      channel.awaitSends(2, WAIT);
      channel.release(); // the first, late answer is ignored; the second decides
      DeliveryStatus d = finalStatus(r).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).extracting(Attempt::outcome)
          .containsExactly(Outcome.UNKNOWN, Outcome.SENT);
      assertThat(d.attempts().get(0).at()).isEqualTo(T0.plusSeconds(30));
      assertThat(client.stats().lanes().get("email").attempts())
          .containsEntry(Outcome.UNKNOWN, 1L).containsEntry(Outcome.SENT, 1L);
    }
  }

  @Test
  void shutdownDrainsOnceTheDeadlineHasCutOffAHangingAttempt() {
    channel.hold();
    NotificationClient client = client();
    client.send(email("hang", "ada@example.com"));
    channel.awaitSends(1, WAIT);
    time.advance(Duration.ofSeconds(30));
    Fixtures.await("the hanging attempt was cut off",
        () -> client.stats().lanes().get("email").inFlight() == 0);
    assertThat(client.shutdown(Duration.ofSeconds(5))).as("nothing left in flight").isTrue();
  }
}
