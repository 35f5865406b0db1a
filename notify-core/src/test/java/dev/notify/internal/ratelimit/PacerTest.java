package dev.notify.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.policy.RateLimit;
import dev.notify.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final LocalRateLimitStore store = new LocalRateLimitStore(clock);

  /** A lane that always has work: sends when allowed, else waits exactly as told. */
  private List<Instant> runLane(Pacer pacer, Duration howLong) {
    List<Instant> sends = new ArrayList<>();
    Instant end = clock.instant().plus(howLong);
    while (clock.instant().isBefore(end)) {
      Duration wait = pacer.tryAcquire();
      if (wait.isZero()) {
        sends.add(clock.instant());
      } else {
        clock.advance(wait);
      }
    }
    return sends;
  }

  @Test
  void twilioOneMessageASecondIsKeptExactly() {
    Pacer pacer = new Pacer("sms", RateLimit.perSecond(1).withBurst(1), store, clock);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(400));
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void aLaneThatWaitsAsToldKeepsTheConfiguredRate() {
    Pacer pacer = new Pacer("sms", RateLimit.perSecond(10).withBurst(1), store, clock);
    List<Instant> sends = runLane(pacer, Duration.ofSeconds(10));

    assertThat(sends).hasSize(100);
    for (int i = 1; i < sends.size(); i++) {
      assertThat(Duration.between(sends.get(i - 1), sends.get(i)))
          .isEqualTo(Duration.ofMillis(100));
    }
  }

  @Test
  void aBurstIsFollowedByTheSteadyRate() {
    // FCM: 600,000 a minute = 10,000 a second, with up to 1,000 at once
    Pacer pacer = new Pacer("fcm", RateLimit.perMinute(600_000).withBurst(1000), store, clock);
    List<Instant> sends = runLane(pacer, Duration.ofSeconds(3));

    assertThat(sends.stream().filter(T0::equals).count()).isEqualTo(1000);
    assertThat(sends).hasSize(1000 + 3 * 10_000 - 1); // the last one would be due at T0 + 3 s
  }

  @Test
  void lanesSharingAStoreShareOnePace() {
    Pacer a = new Pacer("sms-us", RateLimit.perSecond(5).withBurst(1), store, clock);
    Pacer b = new Pacer("sms-us", RateLimit.perSecond(5).withBurst(1), store, clock);
    Pacer other = new Pacer("sms-eu", RateLimit.perSecond(5).withBurst(1), store, clock);

    int sent = 0;
    Instant end = T0.plusSeconds(2);
    while (clock.instant().isBefore(end)) {
      Duration waitA = a.tryAcquire();
      Duration waitB = b.tryAcquire();
      sent += (waitA.isZero() ? 1 : 0) + (waitB.isZero() ? 1 : 0);
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(sent).isEqualTo(10);
    assertThat(other.tryAcquire()).isZero();
  }
}
