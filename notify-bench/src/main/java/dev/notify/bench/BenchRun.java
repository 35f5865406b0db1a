package dev.notify.bench;

import dev.notify.bench.harness.Charts;
import dev.notify.bench.harness.JmhScore;
import dev.notify.bench.harness.Json;
import dev.notify.bench.harness.Machine;
import dev.notify.bench.harness.MarkdownReport;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Report;
import dev.notify.bench.harness.ReportJson;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.jmh.Micro;
import dev.notify.bench.scenario.ApnsScenario;
import dev.notify.bench.scenario.DurableScenario;
import dev.notify.bench.scenario.EmailScenario;
import dev.notify.bench.scenario.LoadShapeScenario;
import dev.notify.bench.scenario.MemoryScenario;
import dev.notify.bench.scenario.PipelineScenario;
import dev.notify.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench/run} starts: the scenarios and the JMH micro-benchmarks, then {@code
 * latest.json}, {@code latest.md} and one PNG chart per scenario in the results folder. See
 * notify-bench's README for the options.
 */
public final class BenchRun {
  private BenchRun() {
  }

  /**
   * Runs what the options ask for and writes the results.
   *
   * @param args {@code --quick}, {@code --only a,b}, {@code --out dir}, {@code --commit id}
   * @throws Exception if a scenario fails or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(options);
    Path md = write(report, options.out());
    System.out.print(Files.readString(md));
  }

  /**
   * {@return the run's report}
   *
   * @param options what to run
   * @throws Exception if a scenario fails
   */
  public static Report run(Options options) throws Exception {
    Machine machine = Machine.current(options.commit());
    List<Scenario> all = List.of(new PipelineScenario(), new ApnsScenario(),
        new EmailScenario(), new DurableScenario(), new LoadShapeScenario(),
        new MemoryScenario());
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario s : all) {
      if (options.runs(s.id())) {
        long start = System.nanoTime();
        System.out.printf("scenario %s ...%n", s.id());
        results.add(s.run(options));
        System.out.printf("scenario %s done in %.1f s%n", s.id(),
            (System.nanoTime() - start) / 1e9);
      }
    }
    List<JmhScore> jmh = options.runs("jmh") ? Micro.run(options.quick()) : List.of();
    return new Report(machine, options.quick(), results, jmh);
  }

  /**
   * Writes {@code latest.json}, {@code latest.md} and the charts.
   *
   * @param report the run
   * @param out the results folder, created if missing
   * @return the Markdown file
   * @throws IOException if a file cannot be written
   */
  public static Path write(Report report, Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("latest.json"), Json.write(ReportJson.of(report)),
        StandardCharsets.UTF_8);
    Path md = out.resolve("latest.md");
    Files.writeString(md, MarkdownReport.of(report), StandardCharsets.UTF_8);
    for (ScenarioResult s : report.scenarios()) {
      Charts.write(s, out.resolve(s.id() + ".png"));
    }
    return md;
  }
}
