package dev.notify.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The demo checks itself: every outcome it shows is compared with the one it expects. */
final class Checks {
  private final List<String> mismatches = new ArrayList<>();
  private int passed;

  /** Records a mismatch, named, when {@code actual} is not {@code expected}. */
  synchronized void expect(String what, Object expected, Object actual) {
    if (Objects.equals(expected, actual)) {
      passed++;
    } else {
      mismatches.add(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** Records a mismatch with the detail when {@code condition} is false. */
  synchronized void expectTrue(String what, boolean condition, Object detail) {
    if (condition) {
      passed++;
    } else {
      mismatches.add(what + ": " + detail);
    }
  }

  synchronized boolean allPassed() {
    return mismatches.isEmpty();
  }

  synchronized void print(PrintStream out) {
    if (mismatches.isEmpty()) {
      out.println("All " + passed + " checks passed.");
    } else {
      out.println(mismatches.size() + " of " + (passed + mismatches.size())
          + " checks FAILED:");
      mismatches.forEach(m -> out.println("  - " + m));
    }
  }
}
