package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.PeerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApnsChannelConcurrencyTest {
  private static final int SENDS = 1_000;

  @RegisterExtension
  final ProviderPeerExtension<MockApnsPeer> apns = ProviderPeerExtension.of(MockApnsPeer::start);

  @Test
  void aThousandConcurrentSendsAreAllAccountedFor(MockApnsPeer peer) throws Exception {
    try (ApnsChannel channel = PeerChannels.forPeer(peer).build();
        ManualChannelContext context = ManualChannelContext.builder().channelName("apns")
            .build()) {
      Map<Kind, Integer> expected = new EnumMap<>(Kind.class);
      for (int i = 0; i < SENDS; i++) {
        Kind kind = i % 10 == 3 ? Kind.ADDRESS_INVALID : i % 10 == 7 ? Kind.RETRYABLE : Kind.SENT;
        if (kind == Kind.ADDRESS_INVALID) {
          peer.respond(token(i), PeerResponse.reject(RejectionReason.BAD_DEVICE_TOKEN));
        } else if (kind == Kind.RETRYABLE) {
          peer.respond(token(i), PeerResponse.reject(RejectionReason.TOO_MANY_REQUESTS));
        }
        expected.merge(kind, 1, Integer::sum);
      }

      List<CompletableFuture<DeliveryResult>> results = new ArrayList<>();
      ExecutorService lanes = Executors.newFixedThreadPool(4);
      try {
        List<CompletableFuture<List<CompletableFuture<DeliveryResult>>>> batches =
            new ArrayList<>();
        for (int lane = 0; lane < 4; lane++) {
          int first = lane;
          batches.add(CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<DeliveryResult>> mine = new ArrayList<>();
            for (int i = first; i < SENDS; i += 4) {
              mine.add(channel.send(message().to(token(i)).delivery(), context)
                  .toCompletableFuture());
            }
            return mine;
          }, lanes));
        }
        for (var batch : batches) {
          results.addAll(batch.get(30, TimeUnit.SECONDS));
        }
      } finally {
        lanes.shutdown();
      }
      CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
          .get(60, TimeUnit.SECONDS);

      Map<Kind, Integer> actual = new EnumMap<>(Kind.class);
      for (CompletableFuture<DeliveryResult> result : results) {
        actual.merge(Kind.of(result.join()), 1, Integer::sum);
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(results.stream().map(CompletableFuture::join)
          .filter(DeliveryResult.Sent.class::isInstance).distinct()).hasSize(expected.get(Kind.SENT));
      assertThat(peer.awaitReceived(SENDS, Duration.ofSeconds(10))).hasSize(SENDS);
    }
  }
}
