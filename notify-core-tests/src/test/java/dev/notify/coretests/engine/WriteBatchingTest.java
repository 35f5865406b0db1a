package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.Transition;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A lane writes the outcomes of a batch of provider answers in one {@code transitionAll}: while
 * one write to the log is under way (a slow database), the answers that arrive meanwhile form the
 * next batch, one commit for many deliveries instead of one each.
 */
class WriteBatchingTest {

  @Test
  void outcomesWrittenWhileTheLogIsBusyGoTogetherInOneBatch() throws Exception {
    CountDownLatch slowWriteStarted = new CountDownLatch(1);
    CountDownLatch letItFinish = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    List<Integer> batches = new CopyOnWriteArrayList<>();
    ForwardingNotificationLog slowOnce = new ForwardingNotificationLog(
        InMemoryNotificationLog.create()) {
      @Override
      public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
        if (update.state() == DeliveryState.SENT && first.compareAndSet(true, false)) {
          slowWriteStarted.countDown();
          await(letItFinish);
        }
        return super.transition(deliveryId, fence, update);
      }

      @Override
      public List<Boolean> transitionAll(List<Transition> transitions) {
        batches.add(transitions.size());
        return super.transitionAll(transitions);
      }
    };
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(slowOnce)
        .lane("email", LaneOptions.ofDefaults().withThreads(2)).build()) {
      List<SendReceipt> receipts = new ArrayList<>();
      receipts.add(client.send(email("w-0", "u0@example.com")));
      assertThat(slowWriteStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      // The first outcome's write hangs one lane thread; the other starts these nine, and
      // their answers wait for the first batch to be written.
      for (int i = 1; i < 10; i++) {
        receipts.add(client.send(email("w-" + i, "u" + i + "@example.com")));
      }
      Fixtures.await("nine sent by the provider", () -> channel.sendCount() == 10);
      letItFinish.countDown();
      for (SendReceipt r : receipts) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      // The nine answers that waited went to the log together (at most one straggler alone).
      assertThat(batches).isNotEmpty();
      assertThat(batches.stream().mapToInt(Integer::intValue).max().orElse(0))
          .isGreaterThanOrEqualTo(8);
    } finally {
      letItFinish.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
