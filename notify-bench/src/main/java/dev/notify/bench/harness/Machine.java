package dev.notify.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The machine a run was taken on.
 *
 * @param cores available processors
 * @param cpuModel the first {@code model name} of /proc/cpuinfo, or "unknown"
 * @param jdk vendor and version of the JVM
 * @param os name, version and architecture
 * @param date when the run started (UTC)
 * @param commit the git commit measured
 * @param maxHeapBytes the JVM's maximum heap
 */
public record Machine(int cores, String cpuModel, String jdk, String os, String date,
    String commit, long maxHeapBytes) {

  /** {@return this machine, now} @param commit the git commit measured */
  public static Machine current(String commit) {
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), commit,
        Runtime.getRuntime().maxMemory());
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say so below
    }
    return "unknown";
  }
}
