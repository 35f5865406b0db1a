package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many senders against a lane far smaller than the load: every notification is sent exactly once,
 * none enters memory twice, and a lane never holds more than its queue and its sends in flight.
 */
class LaneAdmissionConcurrencyTest {
  private static final int SENDERS = 8;
  private static final int EACH = 250;
  private static final int QUEUE = 16;
  private static final int IN_FLIGHT = 4;

  @ParameterizedTest
  @ValueSource(strings = {"REJECT", "BLOCK", "SPILL"})
  void eightSendersThroughASmallLaneSendEachNotificationOnce(String kind) throws Exception {
    Backpressure backpressure = switch (kind) {
      case "BLOCK" -> Backpressure.block(Duration.ofMinutes(1));
      case "SPILL" -> Backpressure.spill();
      default -> Backpressure.reject();
    };
    RecordingChannel channel = RecordingChannel.builder("email").type(ChannelType.EMAIL)
        .latency(Duration.ofMillis(1)).build();
    RecordingListener events = new RecordingListener();
    Set<String> overfull = ConcurrentHashMap.newKeySet();
    int total = SENDERS * EACH;
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .capacity(total).backpressure(backpressure).listener(events)
        .lane("email", LaneOptions.ofDefaults().withQueueCapacity(QUEUE).withMaxInFlight(IN_FLIGHT))
        .build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<SendReceipt>>> work = new ArrayList<>();
      for (int t = 0; t < SENDERS; t++) {
        int sender = t;
        work.add(senders.submit(() -> {
          start.await();
          List<SendReceipt> mine = new ArrayList<>();
          for (int i = 0; i < EACH; i++) {
            mine.add(client.send(email("s" + sender + "-" + i, "u" + i + "@example.com")));
            int held = client.stats().inMemory();
            if (held > QUEUE + IN_FLIGHT) {
              overfull.add(held + " held");
            }
          }
          return mine;
        }));
      }
      start.countDown();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (Future<List<SendReceipt>> f : work) {
        f.get(2, TimeUnit.MINUTES).forEach(r -> all.add(r.completion().toCompletableFuture()));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

      List<String> sent = channel.sends().stream().map(d -> d.message().notificationId())
          .collect(Collectors.toList());
      assertThat(sent).hasSize(total).doesNotHaveDuplicates();
      assertThat(events.count(EventType.SENT)).isEqualTo(total);
      assertThat(client.stats().lanes().get("email").parked())
          .as("each delivery entered memory once: none parked back in the log").isZero();
      assertThat(events.count(EventType.QUEUED)).as("reported queued once each").isEqualTo(total);
      assertThat(overfull).as("memory never held more than the lane takes").isEmpty();
      Fixtures.await("memory empty", () -> client.stats().inMemory() == 0);
    } finally {
      senders.shutdownNow();
    }
  }
}
