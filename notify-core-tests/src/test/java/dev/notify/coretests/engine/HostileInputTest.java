package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.policy.Limits;
import dev.notify.status.NotificationState;
import dev.notify.testkit.RecordingChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Input built to break the client: each gets a clear error at send, with nothing stored. */
class HostileInputTest {
  private final RecordingChannel email = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();
  private final NotificationClient client = NotificationClient.builder().channel(email)
      .clock(Clock.fixed(Fixtures.T0, ZoneOffset.UTC)).build();

  @AfterEach
  void close() {
    client.close();
  }

  /** Refused naming the field and the rule; nothing stored, so the id is still free. */
  private void assertRefused(NotificationClient c, Notification n, String field, String rule) {
    assertThatThrownBy(() -> c.send(n)).isInstanceOfSatisfying(
        InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.rule()).contains(rule);
        });
    assertThat(c.status(n.id())).as("nothing stored").isEmpty();
  }

  @Test
  void aSendAtCenturiesAheadIsRefusedBeforeAnythingIsStored() {
    for (Instant far : new Instant[] {Instant.MAX, Instant.parse("9999-12-31T23:59:59Z"),
        Fixtures.T0.plus(Duration.ofDays(367))}) {
      assertRefused(client, email("far", "a@example.com").toBuilder().sendAt(far).build(),
          "sendAt", "at most PT8784H after now (Limits.maxScheduleAhead");
    }
    assertRefused(client, email("far", "a@example.com").toBuilder().sendAt(Instant.MIN).build(),
        "sendAt", "before now");
    assertRefused(client, email("far", "a@example.com").toBuilder().expiresAt(Instant.MAX)
        .build(), "expiresAt", "at most PT8784H after now");
    // The id is free: the same id with a sane schedule is accepted.
    client.send(email("far", "a@example.com").toBuilder()
        .sendAt(Fixtures.T0.plus(Duration.ofDays(30))).build());
    assertThat(client.status("far").orElseThrow().state()).isEqualTo(NotificationState.PENDING);
  }

  @Test
  void theScheduleHorizonIsConfigurable() {
    try (NotificationClient c = NotificationClient.builder().channel(email)
        .clock(Clock.fixed(Fixtures.T0, ZoneOffset.UTC))
        .limits(Limits.builder().maxScheduleAhead(Duration.ofDays(1)).build()).build()) {
      assertRefused(c, email("soon", "a@example.com").toBuilder()
          .sendAt(Fixtures.T0.plus(Duration.ofHours(25))).build(), "sendAt", "at most PT24H");
    }
    assertThatThrownBy(() -> Limits.builder().maxScheduleAhead(Duration.ofDays(-1)))
        .hasMessage("maxScheduleAhead must be positive: PT-24H");
  }
}
