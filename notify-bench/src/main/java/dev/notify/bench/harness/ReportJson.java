package dev.notify.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run as the document {@code latest.json} holds. */
public final class ReportJson {
  private ReportJson() {
  }

  /**
   * {@return the document}
   *
   * @param report the run
   */
  public static Map<String, Object> of(Report report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    Machine m = report.machine();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", m.cores());
    machine.put("cpuModel", m.cpuModel());
    machine.put("jdk", m.jdk());
    machine.put("os", m.os());
    machine.put("maxHeapBytes", m.maxHeapBytes());
    doc.put("date", m.date());
    doc.put("commit", m.commit());
    doc.put("quick", report.quick());
    doc.put("machine", machine);
    List<Object> scenarios = new ArrayList<>();
    for (ScenarioResult s : report.scenarios()) {
      scenarios.add(scenario(s));
    }
    doc.put("scenarios", scenarios);
    List<Object> jmh = new ArrayList<>();
    for (JmhScore j : report.jmh()) {
      Map<String, Object> score = new LinkedHashMap<>();
      score.put("benchmark", j.benchmark());
      score.put("score", j.score());
      score.put("error", j.error());
      score.put("unit", j.unit());
      score.put("allocBytesPerOp", j.allocBytesPerOp());
      jmh.add(score);
    }
    doc.put("jmh", jmh);
    return doc;
  }

  private static Map<String, Object> scenario(ScenarioResult s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("title", s.title());
    s.unavailableReason().ifPresent(r -> out.put("unavailable", r));
    if (s.unavailableReason().isPresent()) {
      return out;
    }
    out.put("latency", s.latency());
    s.note().ifPresent(n -> out.put("note", n));
    List<Object> variants = new ArrayList<>();
    for (Variant v : s.variants()) {
      variants.add(variant(v));
    }
    out.put("variants", variants);
    List<Object> pairs = new ArrayList<>();
    for (ScenarioResult.Pair p : s.pairs()) {
      Map<String, Object> pair = new LinkedHashMap<>();
      double[] ratios = s.ratios(p);
      pair.put("sdk", p.sdk());
      pair.put("baseline", p.baseline());
      pair.put("ratios", ratios);
      pair.put("medianRatio", Stats.median(ratios));
      pairs.add(pair);
    }
    out.put("pairs", pairs);
    return out;
  }

  private static Map<String, Object> variant(Variant v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", v.id());
    out.put("description", v.description());
    out.put("rounds", v.rounds().size());
    if (!v.rounds().isEmpty()) {
      double[] t = v.throughputs();
      out.put("throughputs", t);
      out.put("medianThroughput", Stats.median(t));
      out.put("minThroughput", Stats.min(t));
      out.put("maxThroughput", Stats.max(t));
      out.put("p50Ms", v.median(Round::p50Ms));
      out.put("p99Ms", v.median(Round::p99Ms));
      out.put("p999Ms", v.median(Round::p999Ms));
      out.put("cpuMicrosPerNotification", v.median(Round::cpuMicrosPerNotification));
      out.put("allocBytesPerNotification", v.median(Round::allocBytesPerNotification));
      out.put("peakHeapBytes", v.rounds().stream().mapToLong(Round::peakHeapBytes).max()
          .orElse(0));
      out.put("lost", v.lost());
      List<Object> rounds = new ArrayList<>();
      for (Round r : v.rounds()) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("count", r.count());
        round.put("throughput", r.throughput());
        round.put("p50Ms", r.p50Ms());
        round.put("p99Ms", r.p99Ms());
        round.put("p999Ms", r.p999Ms());
        round.put("cpuMicrosPerNotification", r.cpuMicrosPerNotification());
        round.put("allocBytesPerNotification", r.allocBytesPerNotification());
        round.put("peakHeapBytes", r.peakHeapBytes());
        round.put("lost", r.lost());
        rounds.add(round);
      }
      out.put("roundDetails", rounds);
    }
    if (!v.extras().isEmpty()) {
      out.put("extras", v.extras());
    }
    return out;
  }
}
