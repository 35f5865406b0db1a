package dev.notify.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.bucket4j.Bucket4jRateLimitStore;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.testsupport.MutableClock;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimitStoreTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final SharedProxyManager backEnd = new SharedProxyManager(new ClockTimeMeter(clock));

  @Test
  void twoInstancesShareOneLimitThroughTheBackEnd() {
    RateLimits limits = RateLimits.builder()
        .limit(ChannelType.SMS, RateLimit.of(3, Duration.ofHours(1)), OverLimitAction.DEFER)
        .build();
    RecipientRateLimiter one = new RecipientRateLimiter(limits, c -> false,
        Bucket4jRateLimitStore.of(backEnd), clock);
    RecipientRateLimiter two = new RecipientRateLimiter(limits, c -> false,
        Bucket4jRateLimitStore.of(backEnd), clock);

    assertThat(one.check("user:u1", ChannelType.SMS, null)).isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(two.check("user:u1", ChannelType.SMS, null)).isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(one.check("user:u1", ChannelType.SMS, null)).isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(two.check("user:u1", ChannelType.SMS, null)).isEqualTo(
        new RateLimitDecision.Denied(T0.plus(Duration.ofMinutes(20)), OverLimitAction.DEFER));
    assertThat(backEnd.state).hasSize(1);
  }

  @Test
  void pacingThroughTheBackEndKeepsTheRate() {
    Pacer pacer = new Pacer("sms", RateLimit.perSecond(1).withBurst(1),
        Bucket4jRateLimitStore.of(backEnd), clock);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(pacer.tryAcquire()).isZero();
  }

  @Test
  void aChangedLimitStartsAFreshBucket() {
    Bucket4jRateLimitStore store = Bucket4jRateLimitStore.of(backEnd);
    assertThat(store.tryAcquire("k", RateLimit.perHour(1))).isZero();
    assertThat(store.tryAcquire("k", RateLimit.perHour(1))).isEqualTo(Duration.ofHours(1));
    assertThat(store.tryAcquire("k", RateLimit.perHour(2))).isZero();
  }

  /** A Bucket4j back end in a map, standing in for PostgreSQL or Redis. */
  static final class SharedProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {
    final ConcurrentMap<String, byte[]> state = new ConcurrentHashMap<>();

    SharedProxyManager(TimeMeter clock) {
      super(ClientSideConfig.getDefault().withClientClock(clock));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
      return new CompareAndSwapOperation() {
        @Override
        public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
          return Optional.ofNullable(state.get(key));
        }

        @Override
        public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState newState,
            Optional<Long> timeoutNanos) {
          return original == null ? state.putIfAbsent(key, updated) == null
              : state.replace(key, original, updated);
        }
      };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
      throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
      state.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
      state.remove(key);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
      return false;
    }
  }
}
