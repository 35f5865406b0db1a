package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RateLimit;
import dev.notify.recipient.UserProfile;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From {@code client.send} to the Twilio peer: opt-outs, two accounts, a thousand at once. */
class ThroughClientTest {
  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers =
      ProviderPeerExtension.of(() -> TwilioPeer.start(16, true));

  @Test
  void aStopReplyBecomesAnOptOutInThePreferenceStore(TwilioPeer peer) throws Exception {
    InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
    InMemoryPreferenceStore prefs = new InMemoryPreferenceStore();
    users.put(UserProfile.builder("ada").phone("+14155552671").build());
    peer.reply("+14155552671", "STOP");
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.to(peer).build()).recipientDirectory(users).preferences(prefs)
        .build()) {
      DeliveryStatus first = client.send(Notification.builder().id("o1")
          .to(Recipient.user("ada")).body("Sale!").build()).completion()
          .get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(first.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(first.reason()).contains("opted out").contains("21610");
      DeliveryStatus next = client.send(Notification.builder().id("o2")
          .to(Recipient.user("ada")).body("Sale again!").build()).completion()
          .get(30, TimeUnit.SECONDS).deliveries().get(0);
      assertThat(next.state()).as("the preference store remembers the opt-out")
          .isEqualTo(DeliveryState.SUPPRESSED);
      assertThat(peer.receivedCount()).isEqualTo(1);
    }
  }

  @Test
  void twoChannelsWithDifferentAccountsWorkSideBySide(TwilioPeer peer) throws Exception {
    String otherSid = "AC" + "1234567890abcdef".repeat(2);
    peer.addAccount(otherSid, "other-token");
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.to(peer).name("sms-us").build())
        .channel(SmsChannel.builder().name("sms-eu").account(otherSid, "other-token")
            .alphanumericSender("ExampleEU")
            .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer))).build())
        .defaultChannel(ChannelType.SMS, "sms-us").build()) {
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String channel = i % 2 == 0 ? "sms-us" : "sms-eu";
        all.add(client.send(Notification.builder().id("t" + i)
            .to(Recipient.phone(String.format(Locale.ROOT, "+336120%05d", i)))
            .viaChannel(channel).body("Hello " + i).build()).completion().toCompletableFuture());
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      List<ReceivedSms> received = peer.awaitReceived(20, PeerChannels.WAIT);
      assertThat(received).allMatch(ReceivedSms::accepted);
      for (ReceivedSms sms : received) {
        int i = Integer.parseInt(sms.body().substring("Hello ".length()));
        if (i % 2 == 0) {
          assertThat(sms.accountSid()).isEqualTo(peer.accountSid());
          assertThat(sms.form()).containsEntry("From", PeerChannels.FROM);
        } else {
          assertThat(sms.accountSid()).isEqualTo(otherSid);
          assertThat(sms.form()).containsEntry("From", "ExampleEU");
        }
      }
    }
  }

  @Test
  void aThousandConcurrentSendsAreAllSentOnABoundedNumberOfThreads(TwilioPeer peer)
      throws Exception {
    int before = Thread.activeCount();
    int inFlight = 16;
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.to(peer).connections(inFlight)
            .throughput(RateLimit.perSecond(1_000_000)).build())
        .lane("sms", LaneOptions.ofDefaults().withMaxInFlight(inFlight)).capacity(2_000)
        .build()) {
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        all.add(client.send(Notification.builder().id("c" + i)
            .to(Recipient.phone(String.format(Locale.ROOT, "+336120%05d", i)))
            .body("Message " + i).build()).completion().toCompletableFuture());
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      int during = Thread.activeCount();
      assertThat(all).allMatch(f -> ((dev.notify.status.NotificationStatus) f.join())
          .deliveries().get(0).state() == DeliveryState.SENT);
      assertThat(peer.receivedCount()).isEqualTo(1_000);
      assertThat(peer.received()).extracting(ReceivedSms::address).doesNotHaveDuplicates();
      assertThat(during - before).as("threads added by the client and the peer")
          .isLessThan(inFlight * 3 + 32);
    }
  }
}
