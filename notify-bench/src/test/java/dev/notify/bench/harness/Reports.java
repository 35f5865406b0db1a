package dev.notify.bench.harness;

import java.util.List;

/** A small report with known figures, for the writers' tests. */
final class Reports {
  static final Machine MACHINE = new Machine(2, "Test CPU", "JDK 17", "Linux",
      "2026-01-01T00:00:00Z", "abc1234", 1L << 30);

  private Reports() {
  }

  static Round round(double throughput, double p99) {
    return new Round(1_000, throughput, 1.5, p99, p99 * 2, 12.5, 2_048, 64L << 20, 0);
  }

  static ScenarioResult apns() {
    ScenarioResult s = new ScenarioResult("apns", "SDK against raw pushy", "send to SENT");
    Variant sdk = s.add(new Variant("sdk", "the client"));
    Variant raw = s.add(new Variant("pushy", "raw pushy"));
    sdk.rounds().addAll(List.of(round(50, 4), round(90, 6), round(30, 5)));
    raw.rounds().addAll(List.of(round(100, 2), round(100, 3), round(60, 2)));
    s.pair("sdk", "pushy");
    return s;
  }

  static Report report() {
    ScenarioResult durable = ScenarioResult.unavailable("durable", "JDBC logs",
        "notify-jdbc has not landed yet");
    return new Report(MACHINE, false, List.of(apns(), durable),
        List.of(new JmhScore("CodecBenchmark.toJson", 1234.5, Double.NaN, "ns/op", 512)));
  }
}
