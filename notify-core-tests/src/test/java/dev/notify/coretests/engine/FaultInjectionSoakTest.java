package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.LogUnavailableException;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.log.FaultInjectingNotificationLog;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Method;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Defect 1 at scale: 10,000 notifications through a log that fails 1% of its calls (writes, claims
 * and reads alike), half of the failures after the call took effect. Every accepted notification
 * must end terminal, none may be sent twice, and nothing may stay held.
 */
class FaultInjectionSoakTest {
  private static final int COUNT = 10_000;
  private static final int SENDERS = 4;

  @Test
  void tenThousandNotificationsThroughOnePercentOfLogFailures() throws Exception {
    Set<Method> failing = EnumSet.copyOf(Method.writes());
    failing.addAll(List.of(Method.CLAIM_DUE, Method.HAS_DUE, Method.FIND));
    FaultInjectingNotificationLog log = FaultInjectingNotificationLog
        .wrap(InMemoryNotificationLog.builder().maxNotifications(2 * COUNT).build())
        .failing(failing).withProbability(0.01, 20261202L).ambiguousShare(0.5)
        // Claims are few (most work is held from send on): fail the first two for certain, once
        // after the claim took effect, so that the engine must give back what it did not see.
        .failingOnCall(Method.CLAIM_DUE, 1, Timing.AFTER)
        .failingOnCall(Method.CLAIM_DUE, 2, Timing.BEFORE)
        .build();
    // Every twentieth delivery fails once at the provider, so retries are written too.
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    for (int i = 0; i < COUNT; i += 20) {
      channel.respondTo("u" + i + "@example.com", DeliveryResult.retryable("busy"));
    }
    RetryPolicy quick = RetryPolicy.builder().maxAttempts(5).baseDelay(Duration.ofMillis(10))
        .maxDelay(Duration.ofMillis(50)).jitter(false).build();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .capacity(2 * COUNT).retryPolicy(quick).pollInterval(Duration.ofMillis(10)).build()) {
      List<Future<List<SendReceipt>>> parts = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int first = s;
        parts.add(senders.submit(() -> {
          List<SendReceipt> mine = new ArrayList<>();
          for (int i = first; i < COUNT; i += SENDERS) {
            mine.add(sendUntilStored(client, i));
          }
          return mine;
        }));
      }
      List<SendReceipt> receipts = new ArrayList<>();
      for (Future<List<SendReceipt>> part : parts) {
        receipts.addAll(part.get(2, TimeUnit.MINUTES));
      }
      CompletableFuture.allOf(receipts.stream().map(SendReceipt::completion)
          .toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

      log.disable();
      LoggerFactory.getLogger(FaultInjectionSoakTest.class).info("faults injected: {} in all,"
          + " append {}, transition {}, transitionAll {}, claimDue {}, find {}",
          log.faultsInjected(), log.faultsInjected(Method.APPEND),
          log.faultsInjected(Method.TRANSITION), log.faultsInjected(Method.TRANSITION_ALL),
          log.faultsInjected(Method.CLAIM_DUE), log.faultsInjected(Method.FIND));
      LoggerFactory.getLogger(FaultInjectionSoakTest.class).info("calls: transition {},"
          + " transitionAll {}", log.calls(Method.TRANSITION), log.calls(Method.TRANSITION_ALL));
      assertThat(log.faultsInjected()).isGreaterThan(100);
      assertThat(log.faultsInjected(Method.APPEND)).isPositive();
      assertThat(log.faultsInjected(Method.TRANSITION) + log.faultsInjected(Method.TRANSITION_ALL))
          .isPositive();
      assertThat(log.faultsInjected(Method.CLAIM_DUE)).isGreaterThanOrEqualTo(2);
      for (SendReceipt r : receipts) {
        NotificationStatus s = r.completion().join();
        assertThat(s.isSent()).as("%s ended %s", r.id(), s.state()).isTrue();
      }
      Map<String, Integer> sends = new HashMap<>();
      channel.sends().forEach(d -> sends.merge(d.id() + "#" + d.attempt(), 1, Integer::sum));
      assertThat(sends).as("each attempt of each delivery sent once")
          .allSatisfy((attempt, n) -> assertThat(n).isOne());
      assertThat(channel.sends().stream().map(d -> d.id()).distinct()).hasSize(COUNT);
      Fixtures.await("memory empty", () -> client.stats().inMemory() == 0);
    } finally {
      senders.shutdownNow();
    }
  }

  /** What a caller does with a {@link LogUnavailableException}: send again, same id. */
  private static SendReceipt sendUntilStored(NotificationClient client, int i) {
    for (int tries = 1; ; tries++) {
      try {
        return client.send(email("soak-" + i, "u" + i + "@example.com"));
      } catch (LogUnavailableException e) {
        if (tries == 20) {
          throw e;
        }
      }
    }
  }
}
