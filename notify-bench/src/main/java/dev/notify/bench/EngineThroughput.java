package dev.notify.bench;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.event.EventType;
import dev.notify.policy.Backpressure;
import dev.notify.status.ClientStats;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the engine alone, not a test: how many notifications per second the engine
 * carries from {@code send} to SENT with a channel that answers at once (the testkit's
 * RecordingChannel), in three rounds. Prints, per round, the rate of acceptance and of SENT and
 * the end-to-end latency percentiles. Run from the repository root with
 * {@code mvn -B -q -DskipTests -Dbench=engine -pl notify-bench -am verify} (see the module's
 * README). Options, as system properties: {@code -Dnotify.bench.count=n} (notifications per
 * round, default 200,000), {@code -Dnotify.bench.senders=n} (threads calling send, default 2).
 */
public final class EngineThroughput {
  private EngineThroughput() {
  }

  /**
   * Runs the three rounds and prints one line per round.
   *
   * @param args none; the options are system properties
   * @throws Exception if a round fails or times out
   */
  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("notify.bench.count", 200_000);
    int senders = Integer.getInteger("notify.bench.senders", 2);
    for (int round = 1; round <= 3; round++) {
      RecordingChannel channel = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
      CountDownLatch done = new CountDownLatch(count);
      try (NotificationClient client = NotificationClient.builder().channel(channel)
          .backpressure(Backpressure.block(Duration.ofSeconds(30)))
          .listener(e -> {
            if (e.type() == EventType.SENT) {
              done.countDown();
            }
          }).build()) {
        long start = System.nanoTime();
        Thread[] threads = new Thread[senders];
        for (int t = 0; t < senders; t++) {
          int offset = t;
          threads[t] = new Thread(() -> {
            for (int i = offset; i < count; i += senders) {
              client.send(Notification.builder().id("n-" + i)
                  .to(Recipient.email("user" + i + "@example.com")).subject("Hello")
                  .text("A short message body of a realistic size for an email notification.")
                  .build());
            }
          });
          threads[t].start();
        }
        for (Thread t : threads) {
          t.join();
        }
        long accepted = System.nanoTime();
        if (!done.await(5, TimeUnit.MINUTES)) {
          throw new IllegalStateException("not all sent: " + done.getCount() + " left");
        }
        long end = System.nanoTime();
        ClientStats stats = client.stats();
        System.out.printf("round %d: %,d notifications, %d sender threads: accepted %,.0f/s,"
            + " sent %,.0f/s; latency p50 %s p99 %s max %s%n", round, count, senders,
            count / ((accepted - start) / 1e9), count / ((end - start) / 1e9),
            stats.latency().p50(), stats.latency().p99(), stats.latency().max());
      }
    }
  }
}
