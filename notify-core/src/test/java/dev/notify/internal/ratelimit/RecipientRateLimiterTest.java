package dev.notify.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecipientRateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final RateLimits limits = RateLimits.builder()
      .limit(ChannelType.SMS, RateLimit.of(3, Duration.ofHours(1)), OverLimitAction.DEFER)
      .limit(ChannelType.SMS, "marketing", RateLimit.of(1, Duration.ofDays(1)),
          OverLimitAction.DROP)
      .build();
  private final PreferencePolicy policy =
      PreferencePolicy.builder().criticalCategories("otp").build();
  private final RecipientRateLimiter limiter = new RecipientRateLimiter(limits,
      policy::isCritical, new LocalRateLimitStore(clock), clock);

  @Test
  void allowsTheLimitThenDeniesUntilTheNextPermitOnTheClock() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.check("user:u1", ChannelType.SMS, null))
          .isEqualTo(RateLimitDecision.ALLOWED);
    }
    // 3 an hour refills one every 20 minutes
    assertThat(limiter.check("user:u1", ChannelType.SMS, null)).isEqualTo(
        new RateLimitDecision.Denied(T0.plus(Duration.ofMinutes(20)), OverLimitAction.DEFER));

    clock.advance(Duration.ofMinutes(5));
    assertThat(limiter.check("user:u1", ChannelType.SMS, null)).isEqualTo(
        new RateLimitDecision.Denied(T0.plus(Duration.ofMinutes(20)), OverLimitAction.DEFER));

    clock.advance(Duration.ofMinutes(15)); // T0 + 20 min: the deferred delivery goes now
    assertThat(limiter.check("user:u1", ChannelType.SMS, null))
        .isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(limiter.check("user:u1", ChannelType.SMS, null)).isEqualTo(
        new RateLimitDecision.Denied(T0.plus(Duration.ofMinutes(40)), OverLimitAction.DEFER));
  }

  @Test
  void limitsAreKeptPerRecipientAndChannelType() {
    for (int i = 0; i < 3; i++) {
      limiter.check("user:u1", ChannelType.SMS, null);
    }
    assertThat(limiter.check("user:u1", ChannelType.SMS, null))
        .isInstanceOf(RateLimitDecision.Denied.class);
    assertThat(limiter.check("user:u2", ChannelType.SMS, null))
        .isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(limiter.check("user:u1", ChannelType.EMAIL, null))
        .isEqualTo(RateLimitDecision.ALLOWED); // no rule for email
  }

  @Test
  void aCategoryRuleCountsSeparatelyAndCarriesItsAction() {
    assertThat(limiter.check("user:u1", ChannelType.SMS, "marketing"))
        .isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(limiter.check("user:u1", ChannelType.SMS, "marketing")).isEqualTo(
        new RateLimitDecision.Denied(T0.plus(Duration.ofDays(1)), OverLimitAction.DROP));
    // the channel type's own rule is untouched
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.check("user:u1", ChannelType.SMS, "orders"))
          .isEqualTo(RateLimitDecision.ALLOWED);
    }
  }

  @Test
  void aCriticalCategoryIsNeverLimited() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.check("user:u1", ChannelType.SMS, "otp"))
          .isEqualTo(RateLimitDecision.ALLOWED);
    }
    assertThat(limiter.check("user:u1", ChannelType.SMS, null))
        .isEqualTo(RateLimitDecision.ALLOWED); // otp took nothing from the sms bucket
  }

  @Test
  void aFailingStoreLetsDeliveriesThrough() {
    RecipientRateLimiter broken = new RecipientRateLimiter(limits, c -> false, (key, limit) -> {
      throw new IllegalStateException("redis is down");
    }, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(broken.check("user:u1", ChannelType.SMS, null))
          .isEqualTo(RateLimitDecision.ALLOWED);
    }
  }

  @Test
  void rawAcquisitionReportsTheRetryInstant() {
    RateLimit twoPerMinute = RateLimit.perMinute(2);
    assertThat(limiter.tryAcquire("k", twoPerMinute, OverLimitAction.DEFER))
        .isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(limiter.tryAcquire("k", twoPerMinute, OverLimitAction.DEFER))
        .isEqualTo(RateLimitDecision.ALLOWED);
    assertThat(limiter.tryAcquire("k", twoPerMinute, OverLimitAction.DROP)).isEqualTo(
        new RateLimitDecision.Denied(T0.plusSeconds(30), OverLimitAction.DROP));
  }

  @Test
  void keysOfDifferentSubjectsNeverCollide() {
    assertThat(RecipientRateLimiter.key("a:sms", ChannelType.SMS, null))
        .isNotEqualTo(RecipientRateLimiter.key("a", ChannelType.SMS, "sms"));
  }
}
