package dev.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsAreEightAttemptsFromOneSecondCappedAtFifteenMinutes() {
    RetryPolicy p = RetryPolicy.ofDefaults();
    assertThat(p.maxAttempts()).isEqualTo(8);
    assertThat(p.baseDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void delaysDoubleUpToTheCapWithoutJitter() {
    RetryPolicy p = RetryPolicy.builder().jitter(false).build();
    assertThat(p.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delayAfter(5, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
    assertThat(p.delayAfter(20, Optional.empty())).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.delayAfter(10_000, Optional.empty())).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void fullJitterScalesTheExponentialDelay() {
    RetryPolicy p = RetryPolicy.builder().random(() -> 0.5).build();
    assertThat(p.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryPolicy.builder().random(() -> 0.0).build().delayAfter(3, Optional.empty()))
        .isZero();
  }

  @Test
  void retryAfterWinsOnlyWhenLater() {
    RetryPolicy p = RetryPolicy.builder().jitter(false).build();
    assertThat(p.delayAfter(1, Optional.of(Duration.ofSeconds(30))))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(p.delayAfter(5, Optional.of(Duration.ofSeconds(3))))
        .isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be at least 1: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(-1)))
        .hasMessage("baseDelay must be positive: PT-1S");
  }
}
