package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.fcm.FcmPeer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The README's measurement, not run by default ({@code -Dnotify.fcm.throughput=true}): messages
 * per second to one local FCM peer, raw firebase-admin ({@code FirebaseMessaging.send} from 16
 * threads on its own app) against the channel alone ({@code sendBlocking} from 16 threads) and a
 * {@link NotificationClient} with the channel (16 in flight), same transport, interleaved rounds
 * (in an order that rotates) after a warm-up. {@code -Dnotify.fcm.concurrency} and
 * {@code -Dnotify.fcm.perRound} change the 16 senders and 2,000 messages per round.
 */
@EnabledIfSystemProperty(named = "notify.fcm.throughput", matches = "true")
class ThroughputComparisonTest {
  private static final int CONCURRENCY = Integer.getInteger("notify.fcm.concurrency", 16);
  private static final int PER_ROUND = Integer.getInteger("notify.fcm.perRound", 2_000);
  private static final int ROUNDS = 5;
  /** {@code -Dnotify.fcm.transport=h2}: firebase-admin's Apache HTTP/2 transport via Http2Front. */
  private static final boolean H2 = "h2".equals(System.getProperty("notify.fcm.transport"));

  @Test
  void sdkAgainstRawFirebaseAdmin() throws Exception {
    double[] raw = new double[ROUNDS];
    double[] client = new double[ROUNDS];
    double[] alone = new double[ROUNDS];
    try (FcmPeer peer = FcmPeer.start(0, false, CONCURRENCY);
        Http2Front front = H2 ? new Http2Front(peer) : null;
        FcmChannel direct = channel(peer, front).name("fcm-direct").build();
        ManualChannelContext context = ManualChannelContext.create();
        NotificationClient sdk = NotificationClient.builder()
            .channel(channel(peer, front).build())
            .lane("fcm", LaneOptions.ofDefaults().withThreads(CONCURRENCY)
                .withMaxInFlight(CONCURRENCY).withQueueCapacity(PER_ROUND))
            .capacity(PER_ROUND * 2).build()) {
      FirebaseApp app = FirebaseApp.initializeApp(front == null
          ? FcmPeerConnection.options(peer.baseUri(), Messages.PROJECT)
          : FirebaseOptions.builder().setCredentials(FcmPeerConnection.credentials())
              .setProjectId(Messages.PROJECT).setHttpTransport(front.transport()).build(),
          "raw-throughput");
      try {
        FirebaseMessaging messaging = FirebaseMessaging.getInstance(app);
        for (int w = 0; w < 2; w++) {
          raw(messaging, PER_ROUND);
          sdk(sdk, "warm" + w, PER_ROUND);
          alone(direct, context, "warm" + w, PER_ROUND);
        }
        // The order rotates each round, so no contender always follows the one that leaves
        // the most garbage behind (the client).
        for (int r = 0; r < ROUNDS; r++) {
          for (int k = 0; k < 3; k++) {
            switch ((r + k) % 3) {
              case 0 -> raw[r] = raw(messaging, PER_ROUND);
              case 1 -> client[r] = sdk(sdk, "r" + r, PER_ROUND);
              default -> alone[r] = alone(direct, context, "r" + r, PER_ROUND);
            }
          }
        }
      } finally {
        app.delete();
      }
    }
    double rawMedian = median(raw);
    double clientMedian = median(client);
    double aloneMedian = median(alone);
    System.out.printf("FCM throughput (%s), %d concurrent, %d per round: raw %s, client %s,"
        + " channel alone %s; medians raw %.0f/s, client %.0f/s (ratio %.2f), channel alone"
        + " %.0f/s (ratio %.2f)%n", H2 ? "ApacheHttp2Transport" : "NetHttpTransport",
        CONCURRENCY, PER_ROUND, Arrays.toString(rounded(raw)),
        Arrays.toString(rounded(client)), Arrays.toString(rounded(alone)), rawMedian,
        clientMedian, clientMedian / rawMedian, aloneMedian, aloneMedian / rawMedian);
    assertThat(clientMedian).isPositive();
  }

  private static FcmChannel.Builder channel(FcmPeer peer, Http2Front front) throws Exception {
    return front == null ? Messages.channel(peer) : Messages.channel(front);
  }

  @SuppressWarnings("deprecation") // setToken: see MessageFactory
  private static double raw(FirebaseMessaging messaging, int n) throws Exception {
    return parallel(n, i -> messaging.send(Message.builder().setToken(FcmPeer.token(i))
        .setNotification(Notification.builder().setTitle("Hello").setBody("Message " + i)
            .build()).build()));
  }

  private static double alone(FcmChannel channel, ManualChannelContext context, String round,
      int n) throws Exception {
    return parallel(n, i -> {
      DeliveryResult r = channel.sendBlocking(new Delivery(round + "-" + i + "/0", 1,
          Messages.message(FcmPeer.token(i), "Hello", "Message " + i)), context);
      if (!(r instanceof DeliveryResult.Sent)) {
        throw new AssertionError(r);
      }
      return null;
    });
  }

  private interface Send {
    Object send(int i) throws Exception;
  }

  private static double parallel(int n, Send send) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONCURRENCY; t++) {
        int from = t * (n / CONCURRENCY);
        done.add(threads.submit(() -> {
          for (int i = from; i < from + n / CONCURRENCY; i++) {
            send.send(i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      threads.shutdownNow();
    }
  }

  private static double sdk(NotificationClient client, String round, int n) throws Exception {
    long start = System.nanoTime();
    List<SendReceipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      receipts.add(client.send(dev.notify.Notification.builder().id(round + "-" + i)
          .to(Recipient.fcmToken(FcmPeer.token(i))).title("Hello").body("Message " + i)
          .build()));
    }
    CompletableFuture.allOf(receipts.stream().map(SendReceipt::completion)
        .toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long[] rounded(double[] values) {
    return Arrays.stream(values).mapToLong(Math::round).toArray();
  }
}
