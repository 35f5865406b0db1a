package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.await;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.status.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A blocking provider client (firebase-admin, twilio-java, SMTP) behind {@link BlockingChannel}:
 * its sends run on the lane's blocking pool, as many at once as the lane allows in flight, and the
 * attempt deadline ends a hung one as outcome unknown and interrupts its thread.
 */
class BlockingChannelTest {

  /** Blocks each send until released, recording where and how many ran at once. */
  private static final class BlockingProvider implements BlockingChannel {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started;
    volatile boolean hangFirst;
    final AtomicInteger calls = new AtomicInteger();

    BlockingProvider(int expectStarts) {
      this.started = new CountDownLatch(expectStarts);
    }

    @Override
    public String name() {
      return "smtp";
    }

    @Override
    public ChannelType type() {
      return EMAIL;
    }

    @Override
    public void validate(OutboundMessage message) {
    }

    @Override
    public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) {
      threads.add(Thread.currentThread().getName());
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      started.countDown();
      try {
        if (hangFirst && calls.incrementAndGet() == 1) {
          Thread.sleep(TimeUnit.MINUTES.toMillis(10)); // a provider that never answers
        }
        if (!release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return DeliveryResult.retryable("test timed out");
        }
        return DeliveryResult.sent("smtp-" + delivery.id());
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        Thread.currentThread().interrupt();
        return DeliveryResult.retryable("interrupted");
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void sendsRunOnTheBlockingPoolAsManyAtOnceAsTheLaneAllowsInFlight() throws Exception {
    BlockingProvider smtp = new BlockingProvider(4);
    try (NotificationClient client = NotificationClient.builder().channel(smtp)
        .lane("smtp", LaneOptions.ofDefaults().withThreads(1).withMaxInFlight(4)).build()) {
      List<SendReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        receipts.add(client.send(email("b-" + i, "u" + i + "@example.com")));
      }
      // Four block at once although the lane has a single thread of its own.
      assertThat(smtp.started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(client.stats().lanes().get("smtp").inFlight()).isEqualTo(4);
      smtp.release.countDown();
      for (SendReceipt r : receipts) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      assertThat(smtp.mostAtOnce.get()).isEqualTo(4);
      assertThat(smtp.threads).allMatch(t -> t.startsWith("notify-smtp-blocking"));
    }
  }

  @Test
  void theAttemptDeadlineEndsAHungSendAndInterruptsItsThread() {
    BlockingProvider smtp = new BlockingProvider(1);
    smtp.hangFirst = true;
    smtp.release.countDown();
    RetryPolicy quick = RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(10))
        .jitter(false).build();
    try (NotificationClient client = NotificationClient.builder().channel(smtp)
        .retryPolicy(quick)
        .lane("smtp", LaneOptions.ofDefaults().withMaxInFlight(1)
            .withAttemptTimeout(Duration.ofMillis(200))).build()) {
      var status = finalStatus(client.send(email("hung", "ada@example.com")));
      assertThat(status.isSent()).isTrue();
      var attempts = status.deliveries().get(0).attempts();
      assertThat(attempts).extracting(a -> a.outcome())
          .containsExactly(Outcome.UNKNOWN, Outcome.SENT);
      assertThat(attempts.get(0).error()).contains("attempt deadline");
      await("the hung thread was interrupted", () -> smtp.interrupted.get() == 1);
    }
  }
}
