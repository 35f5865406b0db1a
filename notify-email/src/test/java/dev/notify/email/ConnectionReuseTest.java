package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.ReceivedEmail;
import dev.notify.testkit.smtp.SmtpPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many concurrent sends share a few SMTP sessions: the pool is real, counted at the peer. */
class ConnectionReuseTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  @Test
  void fiveHundredConcurrentSendsUseAtMostFourSessions(SmtpPeer peer) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try (EmailChannel channel = PeerChannels.plain(peer).connections(4).build();
        ManualChannelContext context = ManualChannelContext.create()) {
      List<CompletableFuture<DeliveryResult>> results = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String to = "user" + i + "@example.com";
        String id = "n-" + i + "/0";
        results.add(CompletableFuture.supplyAsync(() -> {
          try {
            return channel.sendBlocking(Messages.delivery(id, to), context);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }, callers));
      }
      Set<Object> ids = new HashSet<>();
      for (CompletableFuture<DeliveryResult> r : results) {
        DeliveryResult result = r.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
        ids.add(((DeliveryResult.Sent) result).providerMessageId());
      }
      assertThat(ids).hasSize(500);
      assertThat(peer.awaitReceived(500, WAIT)).filteredOn(ReceivedEmail::accepted).hasSize(500);
      assertThat(peer.sessions()).as("SMTP sessions for 500 messages").isBetween(1, 4);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aClientSendingFiveHundredEmailsReusesItsConnections(SmtpPeer peer) throws Exception {
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.plain(peer).connections(4).build())
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(8)).build()) {
      List<SendReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        receipts.add(client.send(Notification.builder().id("e-" + i)
            .to(Recipient.email("user" + i + "@example.com")).subject("Hello " + i)
            .text("Message " + i).html("<p>Message " + i + "</p>").build()));
      }
      for (SendReceipt r : receipts) {
        NotificationStatus s = r.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(s.isSent()).as(r.id()).isTrue();
      }
      assertThat(peer.awaitReceived(500, WAIT)).hasSize(500);
      assertThat(peer.sessions()).as("SMTP sessions for 500 messages").isBetween(1, 4);
    }
  }
}
