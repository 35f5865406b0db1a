package dev.notify.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeterTest {
  @Test
  void aRoundsThroughputIsItsCountOverTheTimeToItsLastAnswer() {
    Meter meter = Meter.start();
    Round round = meter.finish(500, 0, meter.startNanos() + 2_000_000_000L);
    assertThat(round.count()).isEqualTo(500);
    assertThat(round.throughput()).isCloseTo(250, within(1e-9));
    assertThat(round.lost()).isZero();
  }

  @Test
  void percentilesComeFromTheRecordedLatencies() {
    Meter meter = Meter.start();
    for (int i = 1; i <= 1_000; i++) {
      meter.latency(i * 1_000_000L); // 1 ms .. 1,000 ms
    }
    Round round = meter.finish(1_000, 3, meter.startNanos() + 1_000_000_000L);
    assertThat(round.p50Ms()).isCloseTo(500, within(1.0));
    assertThat(round.p99Ms()).isCloseTo(990, within(2.0));
    assertThat(round.p999Ms()).isCloseTo(999, within(2.0));
    assertThat(round.lost()).isEqualTo(3);
  }

  @Test
  void aNegativeLatencyCountsAsZeroRatherThanFailingTheRound() {
    Meter meter = Meter.start();
    meter.latency(-5);
    assertThat(meter.finish(1, 0, meter.startNanos() + 1).p50Ms()).isZero();
  }
}
