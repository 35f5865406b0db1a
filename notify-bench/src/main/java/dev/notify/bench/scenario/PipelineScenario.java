package dev.notify.bench.scenario;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.QueueFullException;
import dev.notify.Recipient;
import dev.notify.Content;
import dev.notify.bench.harness.Meter;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Round;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.policy.Backpressure;
import dev.notify.policy.OptOut;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.OutboundMessage;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine alone: in-memory log, a channel that answers SENT at once ({@link NoopChannel}),
 * 1 and 16 sender threads, plain addresses; and the same with templates, rate limits,
 * preferences (users through a RecipientDirectory) and dedupe on. The baseline (the floor) is
 * the same no-op channel called directly by the same sender threads. Each round builds a fresh
 * client; variants run interleaved, round by round.
 */
public final class PipelineScenario implements Scenario {
  private static final int USERS = 1_000;
  private static final String TEXT =
      "A short message body of a realistic size for an email notification.";

  @Override
  public String id() {
    return "pipeline";
  }

  @Override
  public ScenarioResult run(Options options) throws Exception {
    int count = options.size(200_000, 3_000);
    int rounds = options.size(5, 2);
    ScenarioResult result = new ScenarioResult(id(), "the engine with a no-op channel and the"
        + " in-memory log, against the channel called directly",
        "from the caller's send (or the floor's direct channel call) to the no-op channel's"
        + " answer; the SDK part is validation, dedupe, log append, hand-off to the lane");
    ScheduledThreadPoolExecutor timer = Contexts.timer();
    try (Senders one = new Senders(1); Senders sixteen = new Senders(16)) {
      List<Senders> senders = List.of(one, sixteen);
      for (Senders s : senders) {
        int n = s.threads();
        result.add(new Variant("sdk-" + n, "NotificationClient.send to SENT, plain addresses, "
            + n + " sender thread(s)"));
        result.add(new Variant("floor-" + n, "the no-op channel called directly, " + n
            + " sender thread(s)"));
      }
      for (Senders s : senders) {
        int n = s.threads();
        result.add(new Variant("policies-" + n, "templates, rate limits, preferences, users"
            + " through a RecipientDirectory and dedupe on, " + n + " sender thread(s)"));
      }
      for (int r = 0; r <= rounds; r++) {
        boolean warmUp = r == 0;
        int size = warmUp ? Math.max(1_000, count / 4) : count;
        for (Senders s : senders) {
          int n = s.threads();
          record(result, "sdk-" + n, warmUp, sdk(s, size, false, "r" + r));
          record(result, "floor-" + n, warmUp, floor(s, size, timer, "r" + r));
          record(result, "policies-" + n, warmUp, sdk(s, size, true, "r" + r));
        }
      }
    } finally {
      timer.shutdownNow();
    }
    for (int n : new int[] {1, 16}) {
      result.pair("sdk-" + n, "floor-" + n);
      result.pair("policies-" + n, "floor-" + n);
    }
    result.note("Rejected sends (QueueFullException under BLOCK) are not lost: they were never"
        + " accepted; a variant that had any lists their count below its table.");
    return result;
  }

  private static void record(ScenarioResult result, String variant, boolean warmUp, Outcome o) {
    if (!warmUp) {
      Variant v = result.variant(variant);
      v.rounds().add(o.round);
      if (o.rejected > 0) {
        v.extras().merge("rejected", o.rejected, (a, b) -> (Long) a + (Long) b);
      }
    }
  }

  private record Outcome(Round round, long rejected) {
  }

  private static Outcome sdk(Senders senders, int count, boolean policies, String prefix) {
    NoopChannel channel = new NoopChannel();
    AtomicLong sent = new AtomicLong();
    var builder = NotificationClient.builder().channel(channel)
        .backpressure(Backpressure.block(Duration.ofSeconds(30)))
        .listener(e -> {
          if (e.type() == EventType.SENT) {
            sent.incrementAndGet();
          }
        });
    if (policies) {
      InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
      InMemoryPreferenceStore preferences = new InMemoryPreferenceStore();
      for (int u = 0; u < USERS; u++) {
        users.put(UserProfile.builder("u" + u).email("user" + u + "@example.com")
            .locale(Locale.ENGLISH).build());
        preferences.optOut("u" + u, OptOut.category("marketing"));
      }
      builder.recipientDirectory(users).preferences(preferences)
          .templates(new InMemoryTemplateStore().put(Template.builder("welcome", Locale.ENGLISH)
              .variant(Locale.ENGLISH, TemplateParts.builder()
                  .email("Hello {{name}}", "Hi {{name}}, your order {{order}} shipped.", null)
                  .build())
              .build()))
          .rateLimits(RateLimits.builder().limit(ChannelType.EMAIL,
              RateLimit.perSecond(1_000_000), OverLimitAction.DROP).build())
          .idempotencyWindow(Duration.ofMinutes(10));
    }
    LongAdder rejected = new LongAdder();
    try (NotificationClient client = builder.build()) {
      Meter meter = Meter.start();
      channel.meter(meter);
      senders.run(count, i -> {
        Notification.Builder n = Notification.builder().id(prefix + "-" + i)
            .metadata(NoopChannel.SENT_AT, Long.toString(System.nanoTime()));
        if (policies) {
          n.to(Recipient.user("u" + (i % USERS))).category("orders")
              .template("welcome", Map.of("name", "Ada", "order", "A-" + i));
        } else {
          n.to(Recipient.email("user" + i + "@example.com")).subject("Hello").text(TEXT);
        }
        try {
          client.send(n.build());
        } catch (QueueFullException e) {
          rejected.increment();
        }
      });
      long accepted = count - rejected.sum();
      Await.atLeast(sent::get, accepted, Duration.ofMinutes(2));
      long done = sent.get();
      return new Outcome(meter.finish(done, accepted - done, channel.lastAnswer()),
          rejected.sum());
    }
  }

  private static Outcome floor(Senders senders, int count, ScheduledThreadPoolExecutor timer,
      String prefix) {
    NoopChannel channel = new NoopChannel();
    ChannelContext context = Contexts.direct("email", timer);
    Meter meter = Meter.start();
    channel.meter(meter);
    senders.run(count, i -> {
      OutboundMessage m = new OutboundMessage(prefix + "-" + i,
          Recipient.email("user" + i + "@example.com"),
          new Content(null, null, Map.of(), "Hello", TEXT, null), Priority.NORMAL, null, null,
          Map.of(), Map.of(NoopChannel.SENT_AT, Long.toString(System.nanoTime())));
      channel.send(new Delivery(m.notificationId() + "/1", 1, m), context);
    });
    return new Outcome(meter.finish(channel.sends(), count - channel.sends(),
        channel.lastAnswer()), 0);
  }
}
