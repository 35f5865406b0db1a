package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.Limits;
import dev.notify.status.NotificationState;
import dev.notify.testkit.RecordingChannel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

  @Test
  void anUnpairedSurrogateInAnyTextIsRefusedNamingTheField() {
    String lone = "ok\uD83D";
    Notification base = email("s", "a@example.com");
    assertRefused(client, base.toBuilder().subject(lone).build(), "content.subject",
        "unpaired surrogate U+D83D at index 2");
    assertRefused(client, base.toBuilder().text(lone).build(), "content.text", "unpaired");
    assertRefused(client, base.toBuilder().html("\uDE00").build(), "content.html", "unpaired");
    assertRefused(client, base.toBuilder().title(lone).build(), "content.title", "unpaired");
    assertRefused(client, base.toBuilder().body(lone).build(), "content.body", "unpaired");
    assertRefused(client, base.toBuilder().category(lone).build(), "category", "unpaired");
    assertRefused(client, base.toBuilder().data("k", lone).build(), "content.data.k",
        "unpaired");
    assertRefused(client, base.toBuilder().data(lone, "v").build(), "content.data",
        "has a key with an unpaired surrogate");
    assertRefused(client, base.toBuilder().metadata("tenant", lone).build(), "metadata.tenant",
        "unpaired");
    assertRefused(client, Notification.builder().id("s").to(Recipient.email("a\uDC00@x.io"))
        .subject("s").text("t").build(), "recipients[0]", "unpaired");
    // A pair is fine.
    client.send(base.toBuilder().subject("\uD83D\uDE00").build());
  }

  @Test
  void templateVariablesTheCodecCannotStoreAreRefusedAtSend() {
    Notification base = email("v", "a@example.com");
    assertRefused(client, base.toBuilder().template("t", Map.of("price", 0.1f)).build(),
        "template.variables.price", "is a Float");
    assertRefused(client, base.toBuilder().template("t", Map.of("price",
        new BigDecimal("9.99"))).build(), "template.variables.price", "is a BigDecimal");
    assertRefused(client, base.toBuilder().template("t", Map.of("items",
        List.of(Map.of("n\uD800", 1)))).build(), "template.variables.items[0]",
        "has a key with an unpaired surrogate");
    assertRefused(client, base.toBuilder().template("t", Map.of("name", "x\uDFFF")).build(),
        "template.variables.name", "unpaired");
  }
}
