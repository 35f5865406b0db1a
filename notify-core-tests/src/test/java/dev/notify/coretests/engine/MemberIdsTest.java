package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.status.NotificationState;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.RecordingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ids derived for a broadcast's members never break a limit or meet a caller's id. */
class MemberIdsTest {
  private final RecordingChannel email = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  private final NotificationClient client = NotificationClient.builder().channel(email)
      .recipientDirectory(users).build();

  @AfterEach
  void close() {
    client.close();
  }

  private static Notification hello(String id, Recipient to) {
    return Notification.builder().id(id).to(to).subject("Hi").text("Hello").build();
  }

  private void assertRefused(Notification n, String field, String rule) {
    assertThatThrownBy(() -> client.send(n)).isInstanceOfSatisfying(
        InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.rule()).contains(rule);
        });
    assertThat(client.status(n.id())).as("nothing stored").isEmpty();
  }

  @Test
  void aBroadcastWhoseIdIsAtTheLimitReachesAMemberWhoseIdIsAtTheLimit() {
    String longUser = "u".repeat(200);
    users.put(UserProfile.builder(longUser).email("long@example.com").build());
    users.put(UserProfile.builder("a:b").email("ab@example.com").build());
    users.addToGroup("team", longUser, "a:b");
    String id = "x".repeat(200);
    NotificationStatus done = finalStatus(client.send(hello(id, Recipient.group("team"))));
    assertThat(done.state()).isEqualTo(NotificationState.SENT);
    assertThat(done.members().total()).isEqualTo(2);
    assertThat(client.status(id + ":" + longUser).orElseThrow().state())
        .isEqualTo(NotificationState.SENT);
    assertThat(client.status(id + ":a:b").orElseThrow().state())
        .isEqualTo(NotificationState.SENT);
  }

  @Test
  void aCallerIdCannotTakeTheFormOfAMemberId() {
    users.put(UserProfile.builder("42").email("ada@example.com").build());
    users.addToGroup("team", "42");
    assertRefused(hello("launch:42", Recipient.user("42")), "id",
        "must not contain ':', which is reserved");
    NotificationStatus done = finalStatus(client.send(hello("launch", Recipient.group("team"))));
    assertThat(email.sends()).extracting(s -> s.message().notificationId())
        .containsExactly("launch:42");
  }

  @Test
  void idRulesAreCheckedAtSendWithTheFieldNamed() {
    Notification blank = Notification.builder().id(" ").to(Recipient.email("a@example.com"))
        .subject("s").text("t").build();
    assertRefused(blank, "id", "must not be blank");
    assertRefused(hello("x".repeat(201), Recipient.email("a@example.com")), "id",
        "at most 200 characters, was 201");
    assertRefused(hello("a\u0000b", Recipient.email("a@example.com")), "id",
        "control characters; found U+0000 at index 1");
    assertRefused(hello("a\uD800", Recipient.email("a@example.com")), "id",
        "unpaired surrogate U+D800 at index 1");
    assertRefused(hello("ok", Recipient.user("u".repeat(201))), "recipients[0]",
        "a user id must be at most 200");
    assertRefused(hello("ok", Recipient.group("g\r\n")), "recipients[0]",
        "a group id must not contain control characters");
  }

  @Test
  void aMemberWhoseIdBreaksTheRulesIsSkippedAndCounted() {
    users.put(UserProfile.builder("ok").email("ok@example.com").build());
    users.put(UserProfile.builder("bad\n").email("bad@example.com").build());
    users.addToGroup("team", "ok", "bad\n");
    NotificationStatus done = finalStatus(client.send(hello("b", Recipient.group("team"))));
    assertThat(done.state()).isEqualTo(NotificationState.SENT);
    assertThat(done.deliveries().get(0).reason()).contains("1 members skipped");
    assertThat(email.sends()).extracting(s -> s.message().notificationId())
        .containsExactly("b:ok");
  }

  @Test
  void noChannelTypeCanForgeAUserOrGroupKey() {
    assertThatThrownBy(() -> ChannelType.of("user")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> ChannelType.of("group")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThat(Recipient.user("42").key()).isEqualTo("user:42");
  }
}
