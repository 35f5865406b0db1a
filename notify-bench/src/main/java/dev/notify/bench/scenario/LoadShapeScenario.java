package dev.notify.bench.scenario;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.QueueFullException;
import dev.notify.Recipient;
import dev.notify.bench.harness.Meter;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Round;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import dev.notify.event.EventType;
import dev.notify.policy.Backpressure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A burst at ten times the sustainable rate, once per backpressure policy. The sustainable rate
 * is that of a {@link PacedChannel}: a provider that answers SENT at a fixed pace (2,000/s). One
 * sender offers 20,000/s, paced by the clock, for the burst's length (10 s; 0.5 s with {@code
 * --quick}); a send that BLOCK holds back delays the ones after it, and offering stops when the
 * burst's time is up (so "offered" can fall short of "targetOffered", the 10× rate times the
 * burst's length, when send itself is slower). Reported per policy: offered, accepted, rejected
 * ({@code QueueFullException}), lost (accepted but not SENT by the deadline; must be 0) and the
 * time to drain (from the burst's end to the last SENT).
 */
public final class LoadShapeScenario implements Scenario {
  /** The paced channel's rate: the sustainable rate. */
  static final int SUSTAINABLE = 2_000;

  @Override
  public String id() {
    return "loadshape";
  }

  @Override
  public ScenarioResult run(Options options) {
    Duration burst = options.quick() ? Duration.ofMillis(500) : Duration.ofSeconds(10);
    ScenarioResult result = new ScenarioResult(id(), "a " + burst.toMillis() + " ms burst at 10×"
        + " the sustainable rate (a channel paced to " + SUSTAINABLE + "/s), per backpressure"
        + " policy", "from send to the paced channel's answer, which waits for its slot: under"
        + " a backlog this is mostly queueing time");
    for (Backpressure policy : List.of(Backpressure.block(Duration.ofSeconds(1)),
        Backpressure.reject(), Backpressure.spill())) {
      Variant v = result.add(new Variant(policy.kind().name().toLowerCase(java.util.Locale.ROOT),
          "backpressure " + policy + ", default capacity and in-memory log"));
      burst(v, policy, burst);
    }
    result.note("Throughput is SENT per second from the burst's start to the last SENT; it"
        + " cannot exceed the paced rate. One round per policy (no baseline to interleave).");
    return result;
  }

  private static void burst(Variant v, Backpressure policy, Duration length) {
    PacedChannel channel = new PacedChannel(SUSTAINABLE);
    AtomicLong sent = new AtomicLong();
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .backpressure(policy)
        .listener(e -> {
          if (e.type() == EventType.SENT) {
            sent.incrementAndGet();
          }
        }).build()) {
      Meter meter = Meter.start();
      channel.meter(meter);
      long start = meter.startNanos();
      long end = start + length.toNanos();
      long interval = 1_000_000_000L / (SUSTAINABLE * 10L);
      long offered = 0;
      long rejected = 0;
      for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
        long due = start + offered * interval;
        if (due > now) {
          LockSupport.parkNanos(due - now);
          continue;
        }
        try {
          client.send(Notification.builder().id(v.id() + "-" + offered)
              .to(Recipient.email("user" + offered + "@example.com")).subject("Hello")
              .text("Burst").metadata(NoopChannel.SENT_AT, Long.toString(System.nanoTime()))
              .build());
        } catch (QueueFullException e) {
          rejected++;
        }
        offered++;
      }
      long burstEnd = System.nanoTime();
      long accepted = offered - rejected;
      Duration deadline = Duration.ofSeconds(accepted / SUSTAINABLE + 60);
      Await.atLeast(sent::get, accepted, deadline);
      long done = sent.get();
      Round round = meter.finish(done, accepted - done, channel.lastAnswer());
      v.rounds().add(round);
      v.extras().put("targetOffered", length.toNanos() / interval);
      v.extras().put("offered", offered);
      v.extras().put("accepted", accepted);
      v.extras().put("rejected", rejected);
      v.extras().put("lost", accepted - done);
      v.extras().put("drainSeconds", Math.max(0, channel.lastAnswer() - burstEnd) / 1e9);
    }
  }
}
