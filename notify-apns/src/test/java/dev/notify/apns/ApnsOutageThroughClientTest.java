package dev.notify.apns;

import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.policy.RetryPolicy;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.Await;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.RecordingListener;
import dev.notify.testkit.apns.MockApnsPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * APNs down for several probe intervals, through the whole client on the real clock: the lane
 * stays paused across failed probes, no delivery spends its few attempts on the outage, and all of
 * them go out once APNs is back.
 */
class ApnsOutageThroughClientTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final ProviderPeerExtension<MockApnsPeer> apns = ProviderPeerExtension.of(MockApnsPeer::start);

  @Test
  void anOutageLongerThanTheRetryBudgetLosesNothing(MockApnsPeer peer) throws Exception {
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder()
            .channel(PeerChannels.forPeer(peer).build())
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(200))
                .jitter(false).build())
            .listener(events).build()) {
      SendReceipt before = client.send(push("before", 0));
      assertThat(before.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS).isSent()).isTrue();

      peer.stop();
      List<SendReceipt> receipts = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        receipts.add(client.send(push("during-" + i, i)));
      }
      events.await(EventType.LANE_PAUSED, 1, WAIT);
      // One delivery met the outage three times: only probes (after 1, 2, 4 s) send it again, so
      // the lane has probed at least twice, and 3 is all the attempts a delivery has.
      // Reading 20 statuses is not free: check every 20 ms, not after short parks.
      Await.atMost(WAIT).pollingEvery(Duration.ofMillis(20)).untilAtLeast(3,
          "channel-unavailable attempts of one delivery",
          () -> mostUnavailableAttempts(client, receipts));
      assertThat(events.count(EventType.LANE_RESUMED)).as("failed probes keep the lane paused")
          .isZero();
      assertThat(events.count(EventType.DEAD)).isZero();

      peer.restart();
      for (SendReceipt r : receipts) {
        NotificationStatus s = r.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(s.deliveries().get(0).state()).as(r.id()).isEqualTo(DeliveryState.SENT);
      }
      assertThat(peer.awaitReceived(21, WAIT)).hasSizeGreaterThanOrEqualTo(21);
    }
  }

  private static Notification push(String id, int n) {
    return Notification.builder().id(id).to(Recipient.apnsToken(token(n))).title("Hi")
        .body("Hello").build();
  }

  private static long mostUnavailableAttempts(NotificationClient client,
      List<SendReceipt> receipts) {
    return receipts.stream().flatMap(r -> client.status(r.id()).orElseThrow().deliveries().stream())
        .mapToLong(d -> d.attempts().stream().map(Attempt::outcome)
            .filter(o -> o == Outcome.CHANNEL_UNAVAILABLE).count())
        .max().orElse(0);
  }
}
