package dev.notify.bench.scenario;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Heap used per queued notification: N notifications accepted (SPILL, an in-memory log that holds
 * them all) while the channel cannot answer yet (its sends never complete, attempts time out only
 * after an hour), so all are pending: a lane's worth in flight, the rest in the log. Measured as
 * heap used after a full GC, after minus before, divided by N. N is 1,000,000 (20,000 with
 * {@code --quick}); the JVM needs a heap of a few GiB for the full size ({@code bench/run} gives
 * it one).
 */
public final class MemoryScenario implements Scenario {
  @Override
  public String id() {
    return "memory";
  }

  @Override
  public ScenarioResult run(Options options) {
    int count = options.size(1_000_000, 20_000);
    ScenarioResult result = new ScenarioResult(id(), "heap used by " + count
        + " accepted, pending notifications (in-memory log, a channel that cannot answer yet)",
        "not measured here");
    Variant v = result.add(new Variant("pending", "plain email notifications, ~70-byte text,"
        + " SPILL into an in-memory log bounded at " + (count + 1_000)));
    Channel stuck = new Channel() {
      @Override
      public String name() {
        return "email";
      }

      @Override
      public ChannelType type() {
        return ChannelType.EMAIL;
      }

      @Override
      public void validate(OutboundMessage message) {
      }

      @Override
      public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
        return new CompletableFuture<>();
      }
    };
    NotificationClient client = NotificationClient.builder().channel(stuck)
        .log(InMemoryNotificationLog.builder().maxNotifications(count + 1_000).build())
        .lane("email", LaneOptions.ofDefaults().withAttemptTimeout(Duration.ofHours(1)))
        .backpressure(Backpressure.spill()).build();
    try {
      long before = usedAfterGc();
      for (int i = 0; i < count; i++) {
        client.send(Notification.builder().id("m-" + i)
            .to(Recipient.email("user" + i + "@example.com")).subject("Hello")
            .text("A short message body of a realistic size for an email notification.")
            .build());
      }
      long after = usedAfterGc();
      v.extras().put("notifications", (long) count);
      v.extras().put("heapUsedBytes", after - before);
      v.extras().put("bytesPerNotification", (double) (after - before) / count);
      v.extras().put("bytesPer1M", (after - before) * (1_000_000.0 / count));
      v.extras().put("inMemory", (long) client.stats().inMemory());
    } finally {
      // not close(): it would wait 30 s for sends that never answer
      client.shutdown(Duration.ofMillis(100));
    }
    result.note("Heap is measured with the JVM's heap MXBean after System.gc() (three times);"
        + " what the engine holds beyond the log (the lane's in-flight window) is included.");
    return result;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
