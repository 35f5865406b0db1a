package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine is not API: nothing outside notify-core may import {@code dev.notify.internal}. */
class ArchitectureTest {

  @Test
  void nothingOutsideCoreImportsTheEngine() throws IOException {
    Path root = Paths.get("").toAbsolutePath().getParent();
    assertThat(root.resolve("notify-core")).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !root.relativize(p).startsWith("notify-core"))
          .filter(p -> !p.toString().contains("/target/"))
          .filter(ArchitectureTest::importsInternal)
          .collect(Collectors.toList());
    }
    assertThat(offenders).as("files outside notify-core importing dev.notify.internal").isEmpty();
  }

  /** Built in two parts so that this file does not match its own search. */
  private static final String ENGINE = "dev.notify." + "internal";

  private static boolean importsInternal(Path p) {
    try {
      return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + ENGINE)
          || l.startsWith("import static " + ENGINE));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
