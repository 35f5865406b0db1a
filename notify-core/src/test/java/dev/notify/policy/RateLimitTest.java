package dev.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void aLimitHoldsItsPermitsAtOnceByDefault() {
    RateLimit r = RateLimit.of(3, Duration.ofHours(1));
    assertThat(r.burst()).isEqualTo(3);
    assertThat(r.timeToFill()).isEqualTo(Duration.ofHours(1));
    assertThat(r.withBurst(1).timeToFill()).isEqualTo(Duration.ofMinutes(20));
    assertThat(RateLimit.perSecond(10)).isEqualTo(RateLimit.of(10, Duration.ofSeconds(1)));
    assertThat(RateLimit.perMinute(600_000).withBurst(1000)).hasToString(
        "600000 per PT1M (burst 1000)");
  }

  @Test
  void badValuesAreRejectedShowingTheValue() {
    assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("permits must be at least 1: 0");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO))
        .hasMessage("period must be positive: PT0S");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(-1)))
        .hasMessage("period must be positive: PT-1S");
    assertThatThrownBy(() -> RateLimit.perSecond(5).withBurst(0))
        .hasMessage("burst must be at least 1: 0");
    assertThatThrownBy(() -> RateLimit.of(2, Duration.ofNanos(1)))
        .hasMessageContaining("at most one permit per nanosecond");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofDays(365L * 1000)))
        .hasMessageContaining("period is too long");
  }

  @Test
  void theRuleForACategoryWinsOverTheRuleForItsChannelType() {
    RateLimits limits = RateLimits.builder()
        .limit(ChannelType.SMS, RateLimit.perHour(3), OverLimitAction.DEFER)
        .limit(ChannelType.SMS, "marketing", RateLimit.of(1, Duration.ofDays(1)),
            OverLimitAction.DROP)
        .build();

    assertThat(limits.ruleFor(ChannelType.SMS, "marketing")).hasValueSatisfying(r -> {
      assertThat(r.limit()).isEqualTo(RateLimit.of(1, Duration.ofDays(1)));
      assertThat(r.action()).isEqualTo(OverLimitAction.DROP);
    });
    assertThat(limits.ruleFor(ChannelType.SMS, "orders").orElseThrow().category()).isNull();
    assertThat(limits.ruleFor(ChannelType.SMS, null).orElseThrow().action())
        .isEqualTo(OverLimitAction.DEFER);
    assertThat(limits.ruleFor(ChannelType.EMAIL, "marketing")).isEmpty();
    assertThat(RateLimits.none().ruleFor(ChannelType.SMS, null)).isEmpty();
  }

  @Test
  void twoRulesForTheSameScopeAreRejected() {
    RateLimits.Builder b = RateLimits.builder()
        .limit(ChannelType.SMS, RateLimit.perHour(3), OverLimitAction.DEFER);
    assertThatThrownBy(() -> b.limit(ChannelType.SMS, RateLimit.perHour(5), OverLimitAction.DROP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two limits for sms");
  }
}
