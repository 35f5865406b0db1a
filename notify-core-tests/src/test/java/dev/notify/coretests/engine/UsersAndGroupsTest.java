package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UsersAndGroupsTest {
  private final RecordingChannel apns = RecordingChannel.builder("apns").type(ChannelType.APNS)
      .build();
  private final RecordingChannel fcm = RecordingChannel.builder("fcm").type(ChannelType.FCM).build();
  private final RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL)
      .build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();

  private static Notification hello(String id, Recipient to) {
    return Notification.builder().id(id).to(to).title("Hi").body("Hello").subject("Hi")
        .text("Hello").build();
  }

  @Test
  void aUserWithThreeDevicesAndTwoEmailsGetsOneDeliveryEach() {
    users.put(UserProfile.builder("42").apnsToken("a1".repeat(32), T0)
        .apnsToken("b2".repeat(32), T0).fcmToken("fcm-token-1", T0)
        .email("ada@example.com").email("ada@work.example.com").build());
    try (NotificationClient client = NotificationClient.builder().channel(apns).channel(fcm)
        .channel(email).recipientDirectory(users).build()) {
      NotificationStatus all = finalStatus(client.send(hello("u-1", Recipient.user("42"))));
      assertThat(all.deliveries()).hasSize(5).allMatch(d -> d.state() == DeliveryState.SENT);
      assertThat(all.deliveries()).extracting(DeliveryStatus::channel)
          .containsExactlyInAnyOrder("apns", "apns", "fcm", "email", "email");
      assertThat(apns.sendCount()).isEqualTo(2);
      assertThat(email.sendCount()).isEqualTo(2);

      NotificationStatus push = finalStatus(client.send(hello("u-2", Recipient.user("42"))
          .toBuilder().viaPush().build()));
      assertThat(push.deliveries()).extracting(DeliveryStatus::channel)
          .containsExactlyInAnyOrder("apns", "apns", "fcm");
      assertThat(client.history(Recipient.user("42"), 10)).extracting(NotificationStatus::id)
          .containsExactly("u-2", "u-1");
    }
  }

  @Test
  void aUsersDefaultChannelsAreUsedWhenTheNotificationNamesNone() {
    users.put(UserProfile.builder("7").email("bob@example.com").fcmToken("tok", T0)
        .defaultChannels(ChannelType.EMAIL).build());
    try (NotificationClient client = NotificationClient.builder().channel(fcm).channel(email)
        .recipientDirectory(users).build()) {
      NotificationStatus s = finalStatus(client.send(hello("d-1", Recipient.user("7"))));
      assertThat(s.deliveries()).extracting(DeliveryStatus::channel).containsExactly("email");
    }
  }

  @Test
  void anUnknownUserOrAUserWithoutAnAddressFailsLoudly() {
    users.put(UserProfile.builder("no-sms").email("c@example.com").build());
    RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build();
    try (NotificationClient client = NotificationClient.builder().channel(email).channel(sms)
        .recipientDirectory(users).build()) {
      DeliveryStatus unknown = finalStatus(client.send(hello("x-1", Recipient.user("ghost"))))
          .deliveries().get(0);
      assertThat(unknown.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(unknown.reason()).contains("unknown user 'ghost'");
      DeliveryStatus noSms = finalStatus(client.send(hello("x-2", Recipient.user("no-sms"))
          .toBuilder().via(ChannelType.SMS).build())).deliveries().get(0);
      assertThat(noSms.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(noSms.reason()).contains("has no address for the channels [sms]");
    }
  }

  @Test
  void aGroupOfTenThousandIsNotifiedOnceEachAndAReSentBroadcastAddsNothing() {
    for (int i = 0; i < 10_000; i++) {
      users.put(UserProfile.builder("u" + i).email("u" + i + "@example.com").build());
    }
    users.addToGroup("everyone", IntStream.range(0, 10_000).mapToObj(i -> "u" + i).toList());
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .recipientDirectory(users).listener(events).capacity(2_000).build()) {
      SendReceipt first = client.send(hello("launch", Recipient.group("everyone")));
      assertThat(finalStatus(first).deliveries().get(0).reason())
          .contains("fanned out to 10000 members");
      events.awaitDeliveries(EventType.SENT, 10_000, Duration.ofSeconds(60));
      assertThat(client.send(hello("launch", Recipient.group("everyone"))).duplicate()).isTrue();
      Fixtures.await("memory empty", () -> client.stats().inMemory() == 0);
      assertThat(email.sendCount()).isEqualTo(10_000);
      assertThat(email.sends()).extracting(d -> d.message().address().value())
          .doesNotHaveDuplicates();
      assertThat(client.status("launch:u9999").orElseThrow().isSent()).isTrue();
    }
  }

  @Test
  void aFanOutResumedAfterACrashSkipsMembersAlreadyNotified() {
    for (int i = 0; i < 2_500; i++) {
      users.put(UserProfile.builder("m" + i).email("m" + i + "@example.com").build());
    }
    users.addToGroup("beta", IntStream.range(0, 2_500).mapToObj(i -> "m" + i).toList());
    ManualTime time = ManualTime.startingAt(T0);
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
    // The first instance dies after its first page of members: its directory fails the second.
    RecipientDirectory failing = new RecipientDirectory() {
      @Override
      public Optional<UserProfile> findUser(String userId) {
        return users.findUser(userId);
      }

      @Override
      public Optional<GroupPage> groupPage(String groupId, String cursor, int pageSize) {
        if (cursor != null) {
          throw new IllegalStateException("directory went away");
        }
        return users.groupPage(groupId, cursor, pageSize);
      }
    };
    RecordingChannel firstEmail = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    NotificationClient first = NotificationClient.builder().channel(firstEmail).log(log)
        .clock(time.clock()).scheduler(time).recipientDirectory(failing).build();
    first.send(hello("beta-launch", Recipient.group("beta")));
    Fixtures.await("the first page is delivered", () -> firstEmail.sendCount() == 1_000);
    first.shutdown(Duration.ofMillis(100));

    RecordingListener events = new RecordingListener();
    try (NotificationClient second = NotificationClient.builder().channel(email).log(log)
        .clock(time.clock()).scheduler(time).recipientDirectory(users).listener(events).build()) {
      time.advance(Duration.ofMinutes(5));
      events.awaitDeliveries(EventType.SENT, 1_500, WAIT);
      Fixtures.await("fan-out finished", () -> second.status("beta-launch").orElseThrow()
          .isFinal());
      Fixtures.await("memory empty", () -> second.stats().inMemory() == 0);
      assertThat(second.status("beta-launch").orElseThrow().deliveries().get(0).reason())
          .contains("(1000 already notified)");
    } finally {
      time.close();
    }
    Map<String, Integer> perAddress = new HashMap<>();
    firstEmail.sends().forEach(d -> perAddress.merge(d.message().address().value(), 1, Integer::sum));
    email.sends().forEach(d -> perAddress.merge(d.message().address().value(), 1, Integer::sum));
    assertThat(perAddress).hasSize(2_500).allSatisfy((address, n) -> assertThat(n).isOne());
  }

  @Test
  void directoryLookupsAreCachedUntilInvalidated() {
    users.put(UserProfile.builder("c").email("old@example.com").build());
    ManualTime time = ManualTime.startingAt(T0);
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .clock(time.clock()).scheduler(time).recipientDirectory(users).build()) {
      finalStatus(client.send(hello("c-1", Recipient.user("c"))));
      users.put(UserProfile.builder("c").email("new@example.com").build());
      finalStatus(client.send(hello("c-2", Recipient.user("c"))));
      client.invalidateRecipient("c");
      finalStatus(client.send(hello("c-3", Recipient.user("c"))));
      assertThat(email.sends()).extracting(d -> d.message().address().value())
          .containsExactly("old@example.com", "old@example.com", "new@example.com");
    } finally {
      time.close();
    }
  }

  @Test
  void anUnregisteredTokenIsRemovedButOneRegisteredAfterTheInvalidationIsKept() {
    String old = "0a".repeat(32);
    String fresh = "0b".repeat(32);
    users.put(UserProfile.builder("9").apnsToken(old, T0.minus(Duration.ofDays(30)))
        .apnsToken(fresh, T0.minus(Duration.ofHours(1))).build());
    apns.respondTo(old, DeliveryResult.addressInvalid("Unregistered", T0.minus(Duration.ofDays(1))));
    apns.respondTo(fresh, DeliveryResult.addressInvalid("Unregistered",
        T0.minus(Duration.ofDays(1))));
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(apns)
        .recipientDirectory(users).listener(events).build()) {
      finalStatus(client.send(hello("t-1", Recipient.user("9"))));
      assertThat(events.awaitDeliveries(EventType.ADDRESS_INVALID, 2, WAIT)).extracting(e -> e.invalidatedAt())
          .containsOnly(T0.minus(Duration.ofDays(1)));
      assertThat(users.findUser("9").orElseThrow().addresses(ChannelType.APNS))
          .containsExactly(Recipient.apnsToken(fresh));
    }
  }
}
