package dev.notify.bench.harness;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures one round: start it with {@link #start()}, record each latency with {@link
 * #latency(long)} from any thread, and end it with {@link #finish}. CPU is the whole process's
 * (client, engine and peer share it); allocation is summed over the threads alive at the end;
 * peak heap is the sum of the heap pools' peaks since the start.
 */
public final class Meter {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(10), 3);
  private final long cpuStart;
  private final long allocStart;
  private final long start;

  private Meter() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    cpuStart = OS.getProcessCpuTime();
    allocStart = allocatedBytes();
    start = System.nanoTime();
  }

  /** {@return a round that starts now} */
  public static Meter start() {
    return new Meter();
  }

  /** {@return when the round started, in System.nanoTime} */
  public long startNanos() {
    return start;
  }

  /** Records one latency. @param nanos the latency in nanoseconds */
  public void latency(long nanos) {
    latencies.recordValue(Math.max(0, Math.min(nanos, latencies.getHighestTrackableValue())));
  }

  /** Records the latency from {@code sentAt} (a System.nanoTime) to now. @param sentAt start */
  public void since(long sentAt) {
    latency(System.nanoTime() - sentAt);
  }

  /**
   * {@return the round, ended at {@code endNanos}}
   *
   * @param count notifications carried to the end
   * @param lost accepted but not carried to the end
   * @param endNanos the System.nanoTime of the last provider response
   */
  public Round finish(long count, long lost, long endNanos) {
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long allocated = allocatedBytes() - allocStart;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    double seconds = Math.max(1, endNanos - start) / 1e9;
    long n = Math.max(1, count);
    return new Round(count, count / seconds, ms(latencies.getValueAtPercentile(50)),
        ms(latencies.getValueAtPercentile(99)), ms(latencies.getValueAtPercentile(99.9)),
        cpu / 1e3 / n, (double) Math.max(0, allocated) / n, peak, lost);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long allocatedBytes() {
    long total = 0;
    for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
      total += Math.max(0, a);
    }
    return total;
  }
}
