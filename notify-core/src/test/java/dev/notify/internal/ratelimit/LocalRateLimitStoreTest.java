package dev.notify.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.policy.RateLimit;
import dev.notify.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalRateLimitStoreTest {
  private final MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
  private final LocalRateLimitStore store = new LocalRateLimitStore(clock, 1000);

  @Test
  void aBucketRefillsOnTheInjectedClock() {
    RateLimit limit = RateLimit.perSecond(2);
    assertThat(store.tryAcquire("k", limit)).isZero();
    assertThat(store.tryAcquire("k", limit)).isZero();
    assertThat(store.tryAcquire("k", limit)).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(499));
    assertThat(store.tryAcquire("k", limit)).isEqualTo(Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(store.tryAcquire("k", limit)).isZero();
  }

  @Test
  void anIdleBucketIsDroppedAMinuteAfterItWouldBeFullAgain() {
    RateLimit limit = RateLimit.of(3, Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      store.tryAcquire("k", limit);
    }
    assertThat(store.estimatedSize()).isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(store.tryAcquire("other", limit)).isZero(); // runs maintenance
    assertThat(store.estimatedSize()).as("full, but kept a minute longer").isEqualTo(2);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.tryAcquire("other", limit)).isZero();
    assertThat(store.estimatedSize()).isEqualTo(1);
    // nothing lost: the recreated bucket is as full as the old one would be
    for (int i = 0; i < 3; i++) {
      assertThat(store.tryAcquire("k", limit)).isZero();
    }
    assertThat(store.tryAcquire("k", limit)).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void concurrentCallersNeverTakeMoreThanTheBucketHolds() throws Exception {
    RateLimit limit = RateLimit.of(100, Duration.ofHours(1)); // the clock stands still
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            if (store.tryAcquire("hot", limit).isZero()) {
              granted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : tasks) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(granted).hasValue(100);
  }

  @Test
  void aChangedLimitForAKeyTakesEffectAtOnce() {
    assertThat(store.tryAcquire("k", RateLimit.perHour(1))).isZero();
    assertThat(store.tryAcquire("k", RateLimit.perHour(1))).isPositive();
    assertThat(store.tryAcquire("k", RateLimit.perHour(2))).isZero();
  }
}
