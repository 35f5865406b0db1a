package dev.notify.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a benchmark round cost the whole process (client, engine and peer): CPU time, context
 * switches and allocation, and optionally CPU per thread name, read from the JVM and from /proc
 * (Linux; zero elsewhere). Take one {@link #now()} before the round and {@link #since} after it.
 */
final class ProcessCosts {
  private static final boolean PER_THREAD = Boolean.getBoolean("notify.bench.threads");

  private final long cpuNanos;
  private final long switches;
  private final long allocated;
  private final Map<String, Long> threadTicks;

  private ProcessCosts() {
    cpuNanos = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    switches = contextSwitches();
    allocated = allocatedBytes();
    threadTicks = PER_THREAD ? threadTicks() : Map.of();
  }

  static ProcessCosts now() {
    return new ProcessCosts();
  }

  /**
   * @return per send since this snapshot: CPU, context switches and KB allocated; with
   *     {@code -Dnotify.bench.threads=true} followed by a line of CPU per thread name
   */
  String since(int count) {
    ProcessCosts after = now();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        ", per send %5.1f us CPU, %4.2f context switches, %4.1f KB allocated",
        (after.cpuNanos - cpuNanos) / 1e3 / count, (double) (after.switches - switches) / count,
        (after.allocated - allocated) / 1024.0 / count));
    after.threadTicks.forEach((name, ticks) -> {
      long used = ticks - threadTicks.getOrDefault(name, 0L);
      if (used > 0) {
        // clock ticks of 10 ms
        s.append(String.format(Locale.ROOT, "%n    %-20s %6.1f us per send", name,
            used * 1e4 / count));
      }
    });
    return s.toString();
  }

  /** Bytes allocated so far by the threads alive now (an estimate: ended threads drop out). */
  private static long allocatedBytes() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, a);
    }
    return total;
  }

  /** Voluntary and involuntary switches of every thread alive now. */
  private static long contextSwitches() {
    long[] total = new long[1];
    eachThread("status", (name, lines) -> {
      for (String line : lines) {
        if (line.contains("ctxt_switches:")) {
          total[0] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    });
    return total[0];
  }

  /** User and system clock ticks by thread name, digits replaced by N. */
  private static Map<String, Long> threadTicks() {
    Map<String, Long> ticks = new TreeMap<>();
    eachThread("stat", (name, lines) -> {
      String stat = lines.get(0);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks.merge(name.replaceAll("[0-9]+", "N"), Long.parseLong(f[11]) + Long.parseLong(f[12]),
          Long::sum);
    });
    return ticks;
  }

  /** Gives each live thread's name and the lines of its /proc file to {@code reader}. */
  private static void eachThread(String file, BiConsumer<String, List<String>> reader) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.collect(Collectors.toList())) {
        try {
          String comm = Files.readString(task.resolve("comm")).trim();
          reader.accept(comm, Files.readAllLines(task.resolve(file)));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // no /proc here: nothing to count
    }
  }
}
