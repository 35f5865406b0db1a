package dev.notify.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {
  @TempDir
  Path dir;

  @Test
  void jsonEscapesStringsAndWritesNonFiniteNumbersAsNull() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "a \"quoted\"\nline\t\u0001");
    doc.put("nan", Double.NaN);
    doc.put("whole", 42.0);
    doc.put("fraction", 0.55);
    doc.put("list", List.of(1, true));
    doc.put("empty", Map.of());
    assertThat(Json.write(doc)).isEqualTo("""
        {
          "name": "a \\"quoted\\"\\nline\\t\\u0001",
          "nan": null,
          "whole": 42,
          "fraction": 0.55,
          "list": [
            1,
            true
          ],
          "empty": {}
        }
        """);
  }

  @Test
  void theJsonDocumentHasTheMachineMediansAndPairRatios() {
    String json = Json.write(ReportJson.of(Reports.report()));
    assertThat(json).contains("\"cpuModel\": \"Test CPU\"", "\"cores\": 2",
        "\"commit\": \"abc1234\"", "\"medianThroughput\": 50", "\"minThroughput\": 30",
        "\"maxThroughput\": 90", "\"medianRatio\": 0.5", "\"p99Ms\": 5",
        "\"unavailable\": \"notify-jdbc has not landed yet\"",
        "\"benchmark\": \"CodecBenchmark.toJson\"", "\"error\": null");
  }

  @Test
  void theMarkdownTableHasOneRowPerVariantAndThePairsRatios() {
    String md = MarkdownReport.of(Reports.report());
    assertThat(md).contains("2 cores, Test CPU")
        .contains("| sdk | 3 | 50 (30–90) | 1.50 / 5.00 / 10.00 | 12.5 | 2,048 | 64.0 MiB | 0 |")
        .contains("| pushy | 3 | 100 (60–100) |")
        .contains("| sdk / pushy | 0.50, 0.90, 0.50 | 0.50 |")
        .contains("Not measured: notify-jdbc has not landed yet")
        .contains("| CodecBenchmark.toJson | 1,234.5 | – | ns/op | 512 |")
        .contains("![apns](apns.png)")
        .doesNotContain("Smoke run");
  }

  @Test
  void aSmokeRunSaysSoAtTheTop() {
    Report r = Reports.report();
    String md = MarkdownReport.of(new Report(r.machine(), true, r.scenarios(), r.jmh()));
    assertThat(md).contains("Smoke run (`--quick`)");
  }

  @Test
  void theChartIsAPngOfTheDocumentedSize() throws IOException {
    Path png = dir.resolve("apns.png");
    assertThat(Charts.write(Reports.apns(), png)).isTrue();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
  }

  @Test
  void aScenarioWithoutRoundsHasNoChart() throws IOException {
    Path png = dir.resolve("durable.png");
    assertThat(Charts.write(ScenarioResult.unavailable("durable", "t", "r"), png)).isFalse();
    assertThat(png).doesNotExist();
  }
}
