package dev.notify.internal.engine;

import dev.notify.status.ClientStats;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** End-to-end latency (acceptance or due time → SENT), in microseconds, up to one day. */
final class Latency {
  private final Recorder recorder = new Recorder(Duration.ofDays(1).toNanos() / 1000, 3);
  private final Histogram total = new Histogram(Duration.ofDays(1).toNanos() / 1000, 3);

  void record(Duration d) {
    long micros = Math.max(0, Math.min(d.toNanos() / 1000, total.getHighestTrackableValue()));
    recorder.recordValue(micros);
  }

  synchronized ClientStats.LatencyStats snapshot() {
    total.add(recorder.getIntervalHistogram());
    return new ClientStats.LatencyStats(total.getTotalCount(), at(50), at(90), at(99),
        Duration.ofNanos(total.getMaxValue() * 1000));
  }

  private Duration at(double percentile) {
    return Duration.ofNanos(total.getValueAtPercentile(percentile) * 1000);
  }
}
