package dev.notify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Report;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the harness, end to end, at {@code --quick} sizes: the pipeline scenario (every
 * variant, interleaved) and the durable placeholder, written as JSON, Markdown and a chart. Asserts
 * what must hold on any machine (every accepted notification reached SENT, the files exist), never
 * a speed.
 */
class SmokeRunTest {
  @TempDir
  Path out;

  @Test
  void aQuickPipelineRunLosesNothingAndWritesEveryFile() throws Exception {
    Options options = Options.parse("--quick", "--only", "pipeline,durable", "--out",
        out.toString(), "--commit", "test");
    Report report = BenchRun.run(options);

    ScenarioResult pipeline = report.scenarios().get(0);
    assertThat(pipeline.id()).isEqualTo("pipeline");
    assertThat(pipeline.variants()).extracting(Variant::id).containsExactly("sdk-1", "floor-1",
        "sdk-16", "floor-16", "policies-1", "policies-16");
    for (Variant v : pipeline.variants()) {
      assertThat(v.rounds()).as(v.id()).hasSize(2);
      assertThat(v.lost()).as(v.id() + " lost").isZero();
      assertThat(v.rounds()).as(v.id()).allMatch(r -> r.count() > 0 && r.throughput() > 0);
    }
    assertThat(report.scenarios().get(1).unavailableReason()).isPresent();

    BenchRun.write(report, out);
    assertThat(Files.readString(out.resolve("latest.json"))).contains("\"id\": \"pipeline\"",
        "\"quick\": true", "\"commit\": \"test\"");
    assertThat(Files.readString(out.resolve("latest.md"))).contains("| sdk-1 | 2 |");
    assertThat(out.resolve("pipeline.png")).isNotEmptyFile();
    assertThat(out.resolve("durable.png")).doesNotExist();
  }
}
