package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.util.Properties;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DiscoveryAndHistoryTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void channelsAreDiscoveredFromPropertiesAndExplicitOnesWin() {
    RecordingChannel explicit = RecordingChannel.builder("mail").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder()
        .discoverChannels(props("notify.channel.mail.provider", "recording",
            "notify.channel.mail.type", "email",
            "notify.channel.texts.provider", "recording",
            "notify.channel.texts.type", "sms"))
        .channel(explicit).build()) {
      assertThat(client.channels()).extracting(Channel::name)
          .containsExactlyInAnyOrder("mail", "texts");
      assertThat(client.channels()).contains(explicit);
      assertThat(finalStatus(client.send(email("d-1", "a@example.com"))).isSent()).isTrue();
      assertThat(explicit.sendCount()).isEqualTo(1);
    }
  }

  @Test
  void discoveryErrorsNameTheProperty() {
    assertThatThrownBy(() -> NotificationClient.builder()
        .discoverChannels(props("notify.channel.x.provider", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notify.channel.x.provider=nope").hasMessageContaining("recording");
    assertThatThrownBy(() -> NotificationClient.builder()
        .discoverChannels(props("notify.channel.x.type", "sms")))
        .hasMessageContaining("notify.channel.x.provider is missing");
  }

  @Test
  void historyListsARecipientsNotificationsNewestFirst() {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    ManualTime time = ManualTime.startingAt(T0);
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .clock(time.clock()).scheduler(time).build()) {
      for (int i = 0; i < 3; i++) {
        finalStatus(client.send(email("h-" + i, "ada@example.com")));
        time.advance(Duration.ofSeconds(1));
      }
      finalStatus(client.send(email("other", "bob@example.com")));
      assertThat(client.history(Recipient.email("ada@example.com"), 2))
          .extracting(NotificationStatus::id).containsExactly("h-2", "h-1");
      assertThat(client.history(Recipient.email("nobody@example.com"), 5)).isEmpty();
      assertThatThrownBy(() -> client.history(Recipient.email("ada@example.com"), 0))
          .hasMessage("limit must be positive: 0");
    } finally {
      time.close();
    }
  }

  @Test
  void aLongSendKeepsItsClaimByRenewingTheLease() {
    ManualTime time = ManualTime.startingAt(T0);
    AtomicInteger heartbeats = new AtomicInteger();
    NotificationLog log = new ForwardingNotificationLog(
        InMemoryNotificationLog.builder().clock(time.clock()).build()) {
      @Override
      public void heartbeat(String owner, Duration lease) {
        super.heartbeat(owner, lease);
        heartbeats.incrementAndGet();
      }
    };
    RecordingChannel slow = RecordingChannel.builder("email").type(EMAIL).build().hold();
    try (NotificationClient client = NotificationClient.builder().channel(slow).log(log)
        .clock(time.clock()).scheduler(time)
        // A send allowed to take longer than the lease (and than the default attempt deadline).
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)
            .withAttemptTimeout(Duration.ofMinutes(15))).build()) {
      client.send(email("slow", "ada@example.com"));
      slow.awaitSends(1, WAIT);
      // Twelve minutes, more than twice the five-minute lease, a heartbeat (a third of it) at a
      // time: each runs on the claimer's thread before the clock moves on.
      for (int i = 0; i < 7; i++) {
        int before = heartbeats.get();
        time.advance(Duration.ofSeconds(100));
        Fixtures.await("heartbeat " + (before + 1), () -> heartbeats.get() > before);
      }
      // The instance's heartbeats kept the claim: no other instance could take it now.
      assertThat(log.find("slow").orElseThrow().deliveries().get(0).owner()).isNotNull();
      assertThat(log.hasDue("email", "another-instance")).isFalse();
      assertThat(slow.sendCount()).isEqualTo(1);
      slow.release();
      Fixtures.await("sent", () -> client.status("slow").orElseThrow().isSent());
    } finally {
      slow.release();
      time.close();
    }
  }
}
