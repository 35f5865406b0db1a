package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.OptOut;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.DeliveryState;
import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.RecordingChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A notification's overall state, and a group broadcast seen through its members. */
class GroupStatusTest {
  private final RecordingChannel email = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  private final InMemoryPreferenceStore prefs = new InMemoryPreferenceStore();

  private static Notification hello(String id, Recipient to) {
    return Notification.builder().id(id).to(to).subject("Hi").text("Hello").build();
  }

  @Test
  void aBroadcastCompletesWhenItsMembersFinishAndCountsThemByState() {
    for (String u : new String[] {"a", "b", "c", "d"}) {
      users.put(UserProfile.builder(u).email(u + "@example.com").build());
    }
    users.addToGroup("team", "a", "b", "c", "d");
    prefs.optOut("c", OptOut.all());
    email.respondTo("d@example.com", DeliveryResult.permanent("550 no such mailbox"));
    email.hold();
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .recipientDirectory(users).preferences(prefs).build()) {
      SendReceipt broadcast = client.send(hello("launch", Recipient.group("team")));
      email.awaitSends(3, WAIT); // a, b and d are at the provider; c was held back

      NotificationStatus during = client.status("launch").orElseThrow();
      assertThat(during.deliveries()).singleElement().satisfies(d -> {
        assertThat(d.state()).isEqualTo(DeliveryState.SENT);
        assertThat(d.reason()).startsWith("fanned out to 4 members");
      });
      assertThat(during.state()).isEqualTo(NotificationState.PENDING);
      assertThat(during.isFinal()).isFalse();
      assertThat(during.members()).isEqualTo(new GroupMembers(4,
          Map.of(NotificationState.PENDING, 3L, NotificationState.SUPPRESSED, 1L)));
      assertThat(broadcast.completion()).isNotDone();

      email.release();
      NotificationStatus done = finalStatus(broadcast);
      assertThat(done.state()).isEqualTo(NotificationState.PARTIALLY_SENT);
      assertThat(done.members().byState()).isEqualTo(Map.of(NotificationState.SENT, 2L,
          NotificationState.SUPPRESSED, 1L, NotificationState.FAILED, 1L));
      assertThat(client.status("launch:a").orElseThrow().members()).isNull();
      assertThat(client.status("launch:a").orElseThrow().state()).isEqualTo(NotificationState.SENT);
    }
  }

  @Test
  void aBroadcastToAnEmptyGroupEndsWithNothingSent() {
    users.put(UserProfile.builder("a").email("a@example.com").build());
    users.addToGroup("nobody", "a");
    users.removeFromGroup("nobody", "a");
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .recipientDirectory(users).build()) {
      NotificationStatus done = finalStatus(client.send(hello("void", Recipient.group("nobody"))));
      assertThat(done.members()).isNotNull();
      assertThat(done.members().total()).isZero();
      assertThat(done.isSent()).isFalse();
      assertThat(done.isFinal()).isTrue();
    }
  }

  @Test
  void theOverallStateSummarisesTheDeliveries() {
    users.put(UserProfile.builder("x").email("x1@example.com").email("x2@example.com").build());
    email.respondTo("x2@example.com", DeliveryResult.permanent("550"));
    email.respondTo("gone@example.com", DeliveryResult.permanent("550"));
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .recipientDirectory(users).build()) {
      assertThat(finalStatus(client.send(hello("one", Recipient.email("ok@example.com")))).state())
          .isEqualTo(NotificationState.SENT);
      assertThat(finalStatus(client.send(hello("two", Recipient.user("x")))).state())
          .isEqualTo(NotificationState.PARTIALLY_SENT);
      assertThat(finalStatus(client.send(hello("three", Recipient.email("gone@example.com"))))
          .state()).isEqualTo(NotificationState.FAILED);
    }
  }
}
