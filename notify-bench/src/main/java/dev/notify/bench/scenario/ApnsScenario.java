package dev.notify.bench.scenario;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.apns.ApnsChannel;
import dev.notify.bench.harness.Meter;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Round;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The APNs path: {@code NotificationClient.send} with notify-apns until the SENT event, against
 * raw pushy written as pushy's README recommends (one {@code ApnsClient}, token auth,
 * {@code sendNotification} and a listener on its future, a bounded number in flight), both to the
 * same accept-all {@link MockApnsPeer} (pushy's MockApnsServer over HTTP/2 and TLS in this JVM),
 * one connection each, in the same run, rounds interleaved; then both again paced at half of raw
 * pushy's median throughput, for the latency the SDK adds when it is not saturated. The code
 * follows {@code ApnsThroughput}.
 */
public final class ApnsScenario implements Scenario {
  private static final int IN_FLIGHT = 2_000;
  private static final int TOKENS = 1_000;
  private static final String BODY = "x".repeat(960);

  @Override
  public String id() {
    return "apns";
  }

  @Override
  @SuppressWarnings("deprecation") // NioEventLoopGroup: what pushy 0.15 supports
  public ScenarioResult run(Options options) throws Exception {
    int count = options.size(100_000, 2_000);
    int rounds = options.size(7, 2);
    int warmUp = options.size(50_000, 2_000);
    ScenarioResult result = new ScenarioResult(id(), "NotificationClient with notify-apns against"
        + " raw pushy, same MockApnsServer, one connection each",
        "SDK: from send to the SENT event; pushy: from sendNotification to its future's"
        + " completion (the peer's HTTP/2 response)");
    Variant sdk = result.add(new Variant("sdk", "NotificationClient.send to SENT (notify-apns,"
        + " in-memory log, BLOCK), ~1 KB alert, up to " + IN_FLIGHT + " in flight"));
    Variant raw = result.add(new Variant("pushy", "raw pushy ApnsClient.sendNotification,"
        + " prebuilt payloads, up to " + IN_FLIGHT + " in flight"));
    Variant sdkPaced = result.add(new Variant("sdk-paced", "the SDK as above, sends paced at"
        + " half of raw pushy's median throughput"));
    Variant pushyPaced = result.add(new Variant("pushy-paced", "raw pushy as above, paced at the"
        + " same rate"));
    String[] tokens = new String[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      tokens[i] = String.format("%064x", i);
    }
    try (MockApnsPeer peer = MockApnsPeer.builder().record(false).start()) {
      ApnsPeerCredentials c = peer.credentials();
      EventLoopGroup group = new NioEventLoopGroup(1);
      ApnsClient pushy = new ApnsClientBuilder().setApnsServer(c.host(), c.port())
          .setTrustedServerCertificateChain(c.trustedCertificate())
          .setSigningKey(new ApnsSigningKey(c.keyId(), c.teamId(), c.signingKey()))
          .setEventLoopGroup(group).setConcurrentConnections(1).build();
      String payload = new SimpleApnsPayloadBuilder().setAlertTitle("Hello").setAlertBody(BODY)
          .build();
      SimpleApnsPushNotification[] prebuilt = new SimpleApnsPushNotification[TOKENS];
      for (int i = 0; i < TOKENS; i++) {
        prebuilt[i] = new SimpleApnsPushNotification(tokens[i], c.topic(), payload);
      }
      SentRounds sdkRounds = new SentRounds();
      try (NotificationClient client = NotificationClient.builder()
          .channel(ApnsChannel.builder().server(c.host(), c.port())
              .trustedServerCertificates(c.trustedCertificate())
              .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId()).topic(c.topic())
              .connections(1).build())
          .log(InMemoryNotificationLog.create())
          .lane("apns", LaneOptions.ofDefaults().withMaxInFlight(IN_FLIGHT)
              .withQueueCapacity(IN_FLIGHT * 2))
          .capacity(IN_FLIGHT * 4).backpressure(Backpressure.block(Duration.ofMinutes(1)))
          .listener(sdkRounds::onEvent).build()) {
        for (int r = 0; r <= rounds; r++) {
          int size = r == 0 ? warmUp : count;
          Round p = pushy(pushy, prebuilt, size, 0);
          Round s = sdk(client, sdkRounds, tokens, "r" + r, size, 0);
          if (r > 0) {
            raw.rounds().add(p);
            sdk.rounds().add(s);
          }
        }
        // Latency at half of raw pushy's median throughput: what the SDK adds when not saturated.
        double rate = raw.medianThroughput() / 2;
        int pacedCount = (int) Math.max(100, rate * (options.quick() ? 1 : 5));
        for (int r = 1; r <= options.size(3, 1); r++) {
          pushyPaced.rounds().add(pushy(pushy, prebuilt, pacedCount, rate));
          sdkPaced.rounds().add(sdk(client, sdkRounds, tokens, "p" + r, pacedCount, rate));
        }
        sdkPaced.extras().put("pacedPerSecond", rate);
        sdkPaced.extras().put("addedP50Ms", sdkPaced.median(Round::p50Ms)
            - pushyPaced.median(Round::p50Ms));
        sdkPaced.extras().put("addedP99Ms", sdkPaced.median(Round::p99Ms)
            - pushyPaced.median(Round::p99Ms));
      } finally {
        pushy.close().get(10, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
    result.pair("sdk", "pushy");
    result.pair("sdk-paced", "pushy-paced");
    result.note("The saturated rounds (sdk, pushy) send as fast as the in-flight bound allows, so"
        + " their latency is mostly queueing; the paced rounds send at half of raw pushy's median"
        + " throughput, and sdk-paced's addedP99Ms is the SDK's p99 minus raw pushy's there.");
    return result;
  }

  /** Waits until send {@code i} is due at {@code perSecond} from {@code start}; 0 never waits. */
  private static void pace(long start, int i, double perSecond) {
    if (perSecond > 0) {
      long due = start + (long) (i * 1e9 / perSecond);
      for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
        LockSupport.parkNanos(due - now);
      }
    }
  }

  private static Round pushy(ApnsClient pushy, SimpleApnsPushNotification[] prebuilt, int count,
      double perSecond) throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicLong answered = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong last = new AtomicLong();
    Meter meter = Meter.start();
    for (int i = 0; i < count; i++) {
      pace(meter.startNanos(), i, perSecond);
      window.acquire();
      long t0 = System.nanoTime();
      pushy.sendNotification(prebuilt[i % prebuilt.length]).whenComplete((response, error) -> {
        meter.since(t0);
        if (error == null && response.isAccepted()) {
          accepted.incrementAndGet();
        }
        last.set(System.nanoTime());
        answered.incrementAndGet();
        window.release();
      });
    }
    Await.atLeast(answered::get, count, Duration.ofMinutes(2));
    return meter.finish(accepted.get(), count - accepted.get(), last.get());
  }

  private static Round sdk(NotificationClient client, SentRounds rounds, String[] tokens,
      String prefix, int count, double perSecond) {
    return rounds.round(count, i -> {
      pace(rounds.roundStart(), i, perSecond);
      client.send(Notification.builder().id(rounds.sending(prefix + "-" + i))
          .to(Recipient.apnsToken(tokens[i % tokens.length])).title("Hello").body(BODY).build());
    });
  }
}
