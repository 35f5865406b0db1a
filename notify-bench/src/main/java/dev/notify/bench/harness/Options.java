package dev.notify.bench.harness;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code bench/run}: {@code --quick} (a smoke run: tiny sizes, one short JMH
 * iteration; its figures mean nothing), {@code --only a,b} (these scenarios only), {@code --out
 * dir} (where the results go) and {@code --commit id} (the git commit measured).
 *
 * @param quick a smoke run
 * @param only the scenarios to run; empty for all
 * @param out the results folder
 * @param commit the git commit, or "unknown"
 */
public record Options(boolean quick, Set<String> only, Path out, String commit) {

  /** Every scenario id, in the order they run. */
  public static final List<String> SCENARIOS =
      List.of("pipeline", "apns", "email", "durable", "loadshape", "memory", "jmh");

  /**
   * {@return the options of this command line}
   *
   * @param args the arguments
   * @throws IllegalArgumentException naming an unknown option or scenario
   */
  public static Options parse(String... args) {
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>();
    Path out = Path.of("bench", "results");
    String commit = "unknown";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> {
          for (String s : value(args, ++i, "--only").split(",")) {
            String id = s.trim();
            if (!SCENARIOS.contains(id)) {
              throw new IllegalArgumentException("--only: unknown scenario '" + id
                  + "'; the scenarios are " + String.join(",", SCENARIOS));
            }
            only.add(id);
          }
        }
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--commit" -> commit = value(args, ++i, "--commit");
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "'; options: --quick, --only a,b (of " + String.join(",", SCENARIOS)
            + "), --out dir, --commit id");
      }
    }
    return new Options(quick, Set.copyOf(only), out, commit);
  }

  /** {@return whether this scenario runs} @param id a scenario id */
  public boolean runs(String id) {
    return only.isEmpty() || only.contains(id);
  }

  /**
   * {@return the full size, or the smoke size with {@code --quick}}
   *
   * @param full the size of the standard run
   * @param smoke the size of a smoke run
   */
  public int size(int full, int smoke) {
    return quick ? smoke : full;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
