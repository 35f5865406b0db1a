package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.RetryPolicy;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private final RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL)
      .validator(m -> {
        if (!m.address().value().contains("@")) {
          throw new InvalidNotificationException("address", "must be an email address");
        }
      }).build();
  private final RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS)
      .build();
  private final NotificationClient client = NotificationClient.builder().channel(email)
      .channel(sms).maxDataBytes(64).build();

  @AfterEach
  void close() {
    client.close();
  }

  private void assertInvalid(Notification n, String field, String rule) {
    ThrowingCallable send = () -> client.send(n);
    assertThatThrownBy(send).isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.rule()).contains(rule);
    });
    assertThat(client.status(n.id())).as("nothing stored").isEmpty();
  }

  @Test
  void aMissingRecipientIsRejected() {
    assertInvalid(Notification.builder().id("n").body("hi").build(), "recipients",
        "at least one recipient");
  }

  @Test
  void anUnknownChannelIsRejectedWithTheConfiguredOnes() {
    assertInvalid(email("n", "a@example.com").toBuilder().viaChannel("slack").build(),
        "targets[0]", "unknown channel 'slack'; configured channels: [email, sms]");
  }

  @Test
  void aTypeWithoutAChannelIsRejected() {
    assertInvalid(Notification.builder().id("n").to(Recipient.apnsToken("ab12")).body("hi")
        .build(), "recipients[0]", "no channel of type apns");
  }

  @Test
  void emptyContentIsRejected() {
    assertInvalid(Notification.builder().id("n").to(Recipient.email("a@example.com")).build(),
        "content", "must have a title, body");
  }

  @Test
  void anAddressTheChannelRefusesIsRejectedAtSend() {
    assertInvalid(email("n", "not-an-email"), "recipients[0]", "must be an email address");
  }

  @Test
  void sendAtAfterExpiresAtIsRejected() {
    Instant now = Instant.now();
    assertInvalid(email("n", "a@example.com").toBuilder().sendAt(now.plusSeconds(600))
        .expiresAt(now.plusSeconds(60)).build(), "expiresAt", "must be after sendAt");
  }

  @Test
  void oversizedDataIsRejected() {
    assertInvalid(email("n", "a@example.com").toBuilder().data("blob", "x".repeat(100)).build(),
        "content.data", "at most 64 bytes");
  }

  @Test
  void aUserRecipientWithoutADirectoryIsRejected() {
    assertInvalid(Notification.builder().id("n").to(Recipient.user("42")).body("hi").build(),
        "recipients[0]", "need a RecipientDirectory");
  }

  @Test
  void aTargetThatReachesNoRecipientIsRejected() {
    assertInvalid(email("n", "a@example.com").toBuilder().via(ChannelType.EMAIL, ChannelType.SMS)
        .build(), "targets[1]", "reaches none of the recipients");
  }

  @Test
  void anAddressNoTargetReachesIsRejected() {
    assertInvalid(email("n", "a@example.com").toBuilder().via(ChannelType.SMS)
        .to(Recipient.phone("+14155550100")).build(), "recipients[0]", "not reachable");
  }

  @Test
  void aBatchWithOneInvalidNotificationStoresNone() {
    assertThatThrownBy(() -> client.sendAll(List.of(email("ok", "a@example.com"),
        email("bad", "nope"))))
        .isInstanceOfSatisfying(InvalidNotificationException.class,
            e -> assertThat(e.field()).isEqualTo("notifications[1].recipients[0]"));
    assertThat(client.status("ok")).isEmpty();
  }

  @Test
  void oneNotificationFansOutToEveryAddress() {
    var receipt = client.send(Notification.builder().id("fan").to(Recipient.email("a@example.com"),
        Recipient.email("b@example.com"), Recipient.phone("+14155550100")).subject("s").text("t")
        .body("b").build());
    var status = Fixtures.finalStatus(receipt);
    assertThat(status.deliveries()).extracting(d -> d.channel() + ":" + d.deliveryId())
        .containsExactly("email:fan/1", "email:fan/2", "sms:fan/3");
    assertThat(status.deliveries().get(0).address().toString()).doesNotContain("a@example.com");
  }

  @Test
  void builderMistakesSayHowToFixThem() {
    assertThatThrownBy(() -> NotificationClient.builder().channel(email).channel(
        RecordingChannel.builder("email").type(ChannelType.EMAIL).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two channels are named 'email'");
    assertThatThrownBy(() -> NotificationClient.builder().channel(email)
        .channel(RecordingChannel.builder("email-2").type(ChannelType.EMAIL).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("defaultChannel(ChannelType.of(\"email\"), \"email\")");
    assertThatThrownBy(() -> NotificationClient.builder().capacity(-3))
        .hasMessage("capacity must be positive: -3");
    assertThatThrownBy(() -> NotificationClient.builder().channel(email)
        .idempotencyWindow(Duration.ofHours(24)).retention(Duration.ofHours(1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("raise retention");
    assertThatThrownBy(() -> NotificationClient.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no channel");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofMinutes(30)).build())
        .hasMessageContaining("exceeds maxDelay");
  }

  @Test
  void twoChannelsOfOneTypeWorkWithADefault() {
    RecordingChannel sandbox = RecordingChannel.builder("email-sandbox").type(ChannelType.EMAIL)
        .build();
    RecordingChannel main = RecordingChannel.builder("email-main").type(ChannelType.EMAIL).build();
    try (NotificationClient c = NotificationClient.builder().channel(main).channel(sandbox)
        .defaultChannel(ChannelType.EMAIL, "email-main").build()) {
      Fixtures.finalStatus(c.send(email("d", "a@example.com")));
      Fixtures.finalStatus(c.send(email("s", "a@example.com").toBuilder()
          .viaChannel("email-sandbox").build()));
      assertThat(main.sends()).extracting(x -> x.message().notificationId()).containsExactly("d");
      assertThat(sandbox.sends()).extracting(x -> x.message().notificationId())
          .containsExactly("s");
    }
  }
}
