package dev.notify.apns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE: nothing outside notify-core imports core's internals. */
class ModuleBoundaryTest {

  @Test
  void noSourceImportsCoreInternals() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(ModuleBoundaryTest::importsCoreInternals)
          .collect(Collectors.toList());
    }
    assertThat(offenders).isEmpty();
  }

  private static boolean importsCoreInternals(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .anyMatch(line -> line.startsWith("import dev.notify.internal.")
              || line.startsWith("import static dev.notify.internal."));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
