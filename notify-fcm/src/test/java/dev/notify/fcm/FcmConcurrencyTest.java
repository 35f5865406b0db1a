package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.fcm.FcmPeer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,000 sends at once run on the lane's bounded blocking pool: the threads that call
 * firebase-admin are counted, and the JVM's thread count does not explode (firebase-admin-java
 * #950), nor does any firebase-admin default pool thread appear.
 */
class FcmConcurrencyTest {
  private static final int N = 1_000;
  private static final int IN_FLIGHT = 16;

  @Test
  void aThousandConcurrentSendsRunOnTheLanesBoundedPool() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (FcmPeer peer = FcmPeer.start(0, true, 16)) {
      FcmChannel fcm = Messages.channel(peer).build();
      Set<String> senders = ConcurrentHashMap.newKeySet();
      AtomicInteger concurrent = new AtomicInteger();
      AtomicInteger maxConcurrent = new AtomicInteger();
      BlockingChannel counted = new BlockingChannel() {
        @Override
        public String name() {
          return fcm.name();
        }

        @Override
        public ChannelType type() {
          return fcm.type();
        }

        @Override
        public void validate(OutboundMessage message) {
          fcm.validate(message);
        }

        @Override
        public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) {
          senders.add(Thread.currentThread().getName());
          maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          try {
            return fcm.sendBlocking(delivery, context);
          } finally {
            concurrent.decrementAndGet();
          }
        }

        @Override
        public void close() {
          fcm.close();
        }
      };
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();
      List<SendReceipt> receipts = new ArrayList<>();
      try (NotificationClient client = NotificationClient.builder().channel(counted)
          .lane("fcm", LaneOptions.ofDefaults().withThreads(IN_FLIGHT)
              .withMaxInFlight(IN_FLIGHT).withQueueCapacity(N))
          .build()) {
        for (int i = 0; i < N; i++) {
          receipts.add(client.send(Notification.builder().id("c-" + i)
              .to(Recipient.fcmToken(FcmPeer.token(i))).title("Hi").body("n" + i).build()));
        }
        CompletableFuture.allOf(receipts.stream().map(SendReceipt::completion)
            .toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (SendReceipt r : receipts) {
          NotificationStatus s = r.completion().join();
          assertThat(s.deliveries().get(0).state()).as(s.id()).isEqualTo(DeliveryState.SENT);
        }
        int peak = threads.getPeakThreadCount();
        List<String> firebaseThreads = Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName).filter(n -> n.startsWith("firebase")).toList();
        System.out.printf("FCM concurrency: %d sends, %d threads called firebase-admin, at most"
            + " %d at once; JVM threads %d before, peak %d (+%d, the peer's 16 included)%n", N,
            senders.size(), maxConcurrent.get(), before, peak, peak - before);

        assertThat(peer.receivedCount()).isEqualTo(N);
        assertThat(maxConcurrent.get()).as("sends in flight at once").isLessThanOrEqualTo(
            IN_FLIGHT);
        // The lane's blocking pool: up to twice its places in flight (a thread that overran the
        // attempt deadline keeps its thread while a new one takes the place), never more.
        assertThat(senders).as("threads that called firebase-admin").hasSizeLessThanOrEqualTo(
            2 * IN_FLIGHT).allMatch(n -> n.startsWith("notify-fcm-blocking"));
        assertThat(firebaseThreads).as("firebase-admin's global pool").isEmpty();
        // The lane's pool, its result threads, the engine's few, and the peer's 16: bounded by
        // the configuration, not by the number of sends.
        assertThat(peak - before).as("threads added").isLessThanOrEqualTo(4 * IN_FLIGHT + 16);
      }
    }
  }

  @Test
  void theChannelsThreadManagerStartsNoThreadForBlockingSends() throws Exception {
    try (FcmPeer peer = FcmPeer.start(); FcmChannel fcm = Messages.channel(peer).build();
        dev.notify.testkit.ManualChannelContext context =
            dev.notify.testkit.ManualChannelContext.create()) {
      for (int i = 0; i < 20; i++) {
        assertThat(fcm.sendBlocking(Messages.delivery("d-" + i, FcmPeer.token(i)), context))
            .isInstanceOf(DeliveryResult.Sent.class);
      }
      List<String> appThreads = Thread.getAllStackTraces().keySet().stream()
          .map(Thread::getName).filter(n -> n.startsWith("notify-fcm-" + fcm.name() + "-"))
          .toList();
      assertThat(appThreads).as("the app's own threads").hasSizeLessThanOrEqualTo(1);
    }
  }
}
