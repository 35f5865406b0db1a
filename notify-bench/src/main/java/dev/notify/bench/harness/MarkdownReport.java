package dev.notify.bench.harness;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The run as the Markdown tables of {@code latest.md}. */
public final class MarkdownReport {
  private MarkdownReport() {
  }

  /** {@return the Markdown text} @param report the run */
  public static String of(Report report) {
    Machine m = report.machine();
    StringBuilder md = new StringBuilder();
    md.append("# notify-bench results\n\n");
    if (report.quick()) {
      md.append("**Smoke run (`--quick`): tiny sizes, figures not meaningful.**\n\n");
    }
    md.append(String.format(Locale.ROOT, "%s, commit `%s`; %d cores, %s; %s; %s; max heap %s%n%n",
        m.date(), m.commit(), m.cores(), m.cpuModel(), m.jdk(), m.os(), mib(m.maxHeapBytes())));
    for (ScenarioResult s : report.scenarios()) {
      md.append("## ").append(s.id()).append(": ").append(s.title()).append("\n\n");
      if (s.unavailableReason().isPresent()) {
        md.append("Not measured: ").append(s.unavailableReason().get()).append("\n\n");
        continue;
      }
      md.append("Latency: ").append(s.latency()).append("\n\n");
      if (s.variants().stream().anyMatch(v -> !v.rounds().isEmpty())) {
        md.append("| variant | rounds | median /s (min–max) | p50 / p99 / p99.9 ms"
            + " | CPU µs/notification | alloc B/notification | peak heap | lost |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Variant v : s.variants()) {
          if (v.rounds().isEmpty()) {
            continue;
          }
          double[] t = v.throughputs();
          md.append(String.format(Locale.ROOT,
              "| %s | %d | %,.0f (%,.0f–%,.0f) | %.2f / %.2f / %.2f | %.1f | %,.0f | %s | %d |%n",
              v.id(), t.length, Stats.median(t), Stats.min(t), Stats.max(t),
              v.median(Round::p50Ms), v.median(Round::p99Ms), v.median(Round::p999Ms),
              v.median(Round::cpuMicrosPerNotification),
              v.median(Round::allocBytesPerNotification),
              mib(v.rounds().stream().mapToLong(Round::peakHeapBytes).max().orElse(0)),
              v.lost()));
        }
        md.append('\n');
      }
      if (!s.pairs().isEmpty()) {
        md.append("| SDK / baseline | per-round ratios | median ratio |\n|---|---|---|\n");
        for (ScenarioResult.Pair p : s.pairs()) {
          double[] r = s.ratios(p);
          md.append(String.format(Locale.ROOT, "| %s / %s | %s | %.2f |%n", p.sdk(),
              p.baseline(), java.util.Arrays.stream(r)
                  .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                  .collect(Collectors.joining(", ")), Stats.median(r)));
        }
        md.append('\n');
      }
      for (Variant v : s.variants()) {
        if (!v.extras().isEmpty()) {
          md.append("- ").append(v.id()).append(": ").append(extras(v.extras())).append('\n');
        }
      }
      if (s.variants().stream().anyMatch(v -> !v.extras().isEmpty())) {
        md.append('\n');
      }
      s.note().ifPresent(n -> md.append(n).append("\n\n"));
      if (s.variants().stream().anyMatch(v -> !v.rounds().isEmpty())) {
        md.append("![").append(s.id()).append("](").append(s.id()).append(".png)\n\n");
      }
    }
    if (!report.jmh().isEmpty()) {
      md.append("## JMH micro-benchmarks\n\n| benchmark | score | error | unit | alloc B/op |\n"
          + "|---|---|---|---|---|\n");
      for (JmhScore j : report.jmh()) {
        md.append(String.format(Locale.ROOT, "| %s | %,.1f | %s | %s | %s |%n", j.benchmark(),
            j.score(), Double.isNaN(j.error()) ? "–" : String.format(Locale.ROOT, "%,.1f",
                j.error()), j.unit(), Double.isNaN(j.allocBytesPerOp()) ? "–"
                : String.format(Locale.ROOT, "%,.0f", j.allocBytesPerOp())));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String extras(Map<String, Object> extras) {
    return extras.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue() instanceof Double d
        ? String.format(Locale.ROOT, "%,.1f", d) : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** {@return bytes as MiB with one decimal} @param bytes a size */
  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
