package dev.notify.bench;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.notify.Content;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.apns.ApnsChannel;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.ReceiptSink;
import dev.notify.spi.Scheduler;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Throughput of the APNs path, not a test: raw pushy, ApnsChannel.send and NotificationClient.send
 * (to the SENT event) on the same accept-all peer in this JVM (one connection, ~1 KB alert, up to
 * 2,000 in flight). Prints sends per second and, per send, the CPU time of the whole process,
 * context switches and bytes allocated; asserts nothing about time. Run from the repository root
 * with {@code mvn -B -q -DskipTests -Dbench=apns -pl notify-bench -am verify} (see the module's
 * README). Options, as system properties: {@code -Dnotify.bench.rounds=n} (default 5),
 * {@code -Dnotify.bench.clientOnly=true} (for profiling the SDK), {@code
 * -Dnotify.bench.threads=true} (CPU per thread from /proc), {@code -Dnotify.bench.logSize=n} (the
 * in-memory log's bound).
 */
public final class ApnsThroughput {
  private static final int IN_FLIGHT = 2_000;
  private static final int TOKENS = 1_000;
  private static final int WARMUP = 50_000;
  private static final int MEASURED = 100_000;
  private static final int ROUNDS = Integer.getInteger("notify.bench.rounds", 5);
  private static final String[] TOKEN_STRINGS =
      IntStream.range(0, TOKENS).mapToObj(ApnsThroughput::token).toArray(String[]::new);
  /** For profiling the SDK alone: skips the raw pushy and channel rounds. */
  private static final boolean CLIENT_ONLY = Boolean.getBoolean("notify.bench.clientOnly");

  private ApnsThroughput() {
  }

  /**
   * Runs the rounds and prints one line per round and the best of each path.
   *
   * @param args none; the options are system properties
   * @throws Exception if a round fails or times out
   */
  public static void main(String[] args) throws Exception {
    new ApnsThroughput().rawPushyAgainstApnsChannel();
  }

  @SuppressWarnings("deprecation") // NioEventLoopGroup: what pushy 0.15 supports
  private void rawPushyAgainstApnsChannel() throws Exception {
    String body = "x".repeat(960);
    try (MockApnsPeer peer = MockApnsPeer.builder().record(false).start()) {
      ApnsPeerCredentials c = peer.credentials();

      EventLoopGroup group = new NioEventLoopGroup(1);
      ApnsClient pushy = new ApnsClientBuilder().setApnsServer(c.host(), c.port())
          .setTrustedServerCertificateChain(c.trustedCertificate())
          .setSigningKey(new ApnsSigningKey(c.keyId(), c.teamId(), c.signingKey()))
          .setEventLoopGroup(group).build();
      String payload = new SimpleApnsPayloadBuilder().setAlertTitle("Hello").setAlertBody(body)
          .build();
      SimpleApnsPushNotification[] raw = new SimpleApnsPushNotification[TOKENS];
      for (int i = 0; i < TOKENS; i++) {
        raw[i] = new SimpleApnsPushNotification(token(i), c.topic(), payload);
      }
      System.out.printf(Locale.ROOT, "payload: %d bytes%n", payload.length());

      ApnsChannel channel = channelFor(peer).connections(1).build();
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "bench-timer");
        thread.setDaemon(true);
        return thread;
      });
      // Every send schedules its timeout and cancels it on the answer: drop cancelled ones at once.
      timer.setRemoveOnCancelPolicy(true);
      ChannelContext context = context(timer);
      Delivery[] deliveries = new Delivery[TOKENS];
      for (int i = 0; i < TOKENS; i++) {
        OutboundMessage m = new OutboundMessage("n-" + i, Recipient.apnsToken(token(i)),
            new Content("Hello", body, Map.of(), null, null, null), Priority.NORMAL, null, null,
            Map.of(), Map.of());
        deliveries[i] = new Delivery(m.notificationId() + "/1", 1, m);
      }

      IntFunction<CompletionStage<?>> viaPushy = i -> pushy.sendNotification(raw[i % TOKENS]);
      IntFunction<CompletionStage<?>> viaChannel =
          i -> channel.send(deliveries[i % TOKENS], context);

      run("warm-up pushy", WARMUP, viaPushy, false);
      run("warm-up channel", WARMUP, viaChannel, true);
      double pushyBest = 0;
      double channelBest = 0;
      double clientBest = 0;
      try (NotificationClient client = NotificationClient.builder()
          .channel(channelFor(peer).connections(1).build())
          .log(InMemoryNotificationLog.builder().maxNotifications(Integer.getInteger(
              "notify.bench.logSize", InMemoryNotificationLog.DEFAULT_MAX_NOTIFICATIONS)).build())
          .lane("apns", LaneOptions.ofDefaults().withMaxInFlight(IN_FLIGHT)
              .withQueueCapacity(IN_FLIGHT * 2))
          .capacity(IN_FLIGHT * 4).backpressure(Backpressure.block(Duration.ofMinutes(1)))
          .listener(e -> {
            if (e.type() == EventType.SENT) {
              sentEvents.incrementAndGet();
            }
          }).build()) {
        runClient("warm-up client", "w", WARMUP, client, body);
        for (int round = 1; round <= ROUNDS; round++) {
          if (!CLIENT_ONLY) {
            pushyBest = Math.max(pushyBest, run("pushy   #" + round, MEASURED, viaPushy, false));
            channelBest = Math.max(channelBest, run("channel #" + round, MEASURED, viaChannel,
                true));
          }
          clientBest = Math.max(clientBest, runClient("client  #" + round, "r" + round, MEASURED,
              client, body));
        }
      }
      System.out.printf(Locale.ROOT, "best: raw pushy %.0f/s, ApnsChannel.send %.0f/s (ratio %.2f),"
          + " NotificationClient.send to SENT %.0f/s (ratio %.2f)%n", pushyBest, channelBest,
          channelBest / pushyBest, clientBest, clientBest / pushyBest);

      channel.close();
      timer.shutdownNow();
      pushy.close().get(10, TimeUnit.SECONDS);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** An ApnsChannel pointed at the peer, with token auth as a user sets it. */
  private static ApnsChannel.Builder channelFor(MockApnsPeer peer) {
    ApnsPeerCredentials c = peer.credentials();
    return ApnsChannel.builder()
        .server(c.host(), c.port())
        .trustedServerCertificates(c.trustedCertificate())
        .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId())
        .topic(c.topic());
  }

  /**
   * What the engine would hand the channel when ApnsChannel.send is called directly: results
   * handled on the calling thread, timeouts on a real timer, no receipts.
   */
  private static ChannelContext context(ScheduledThreadPoolExecutor timer) {
    return new ChannelContext() {
      @Override
      public String channelName() {
        return "apns";
      }

      @Override
      public Executor executor() {
        return Runnable::run;
      }

      @Override
      public Scheduler scheduler() {
        return (task, delay) -> {
          var future = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
          return () -> future.cancel(false);
        };
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public ReceiptSink receipts() {
        return ReceiptSink.ignoring();
      }
    };
  }

  /** {@return a 64-digit hex device token, different for each n} */
  private static String token(long n) {
    return String.format("%064x", n);
  }

  private final AtomicLong sentEvents = new AtomicLong();

  /** From client.send to the SENT event of the last one: the whole SDK, engine included. */
  private double runClient(String label, String prefix, int count, NotificationClient client,
      String body) throws Exception {
    long target = sentEvents.get() + count;
    long parkedBefore = parked(client);
    ProcessCosts costs = ProcessCosts.now();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      client.send(Notification.builder().id(prefix + "-" + i)
          .to(Recipient.apnsToken(TOKEN_STRINGS[i % TOKENS])).title("Hello").body(body).build());
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (sentEvents.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(label + ": only " + (sentEvents.get() - target + count)
            + " of " + count + " sent");
      }
      Thread.onSpinWait();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = count / seconds;
    System.out.printf(Locale.ROOT, "%-16s %,8d sends in %6.2f s = %,8.0f/s, %d parked back in"
        + " the log%s%n", label, count, seconds, rate, parked(client) - parkedBefore,
        costs.since(count));
    return rate;
  }

  /** Deliveries that went back to the log after entering memory: each is a round trip. */
  private static long parked(NotificationClient client) {
    return client.stats().lanes().get("apns").parked();
  }

  private static double run(String label, int count, IntFunction<CompletionStage<?>> send,
      boolean expectSent) throws Exception {
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicLong failed = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong remaining = new AtomicLong(count);
    ProcessCosts costs = ProcessCosts.now();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      window.acquire();
      send.apply(i).whenComplete((result, error) -> {
        if (error != null || (expectSent && !(result instanceof DeliveryResult.Sent))) {
          failed.incrementAndGet();
        }
        window.release();
        if (remaining.decrementAndGet() == 0) {
          done.complete(null);
        }
      });
    }
    done.get(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = count / seconds;
    System.out.printf(Locale.ROOT, "%-16s %,8d sends in %6.2f s = %,8.0f/s, failed %d%s%n",
        label, count, seconds, rate, failed.get(), costs.since(count));
    return rate;
  }
}
