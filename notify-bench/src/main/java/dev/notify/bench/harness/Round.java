package dev.notify.bench.harness;

/**
 * One measured round of one variant.
 *
 * @param count notifications (or sends) the round carried to the end
 * @param throughput of them, per second, from the first send to the last provider response
 * @param p50Ms latency percentile in milliseconds (what "latency" is depends on the scenario)
 * @param p99Ms latency percentile in milliseconds
 * @param p999Ms latency percentile in milliseconds
 * @param cpuMicrosPerNotification CPU time of the whole process per notification
 * @param allocBytesPerNotification bytes allocated per notification by the threads alive at the
 *     end of the round (an estimate: threads that ended meanwhile drop out)
 * @param peakHeapBytes the sum of the heap pools' peaks during the round (an upper bound)
 * @param lost accepted but not carried to the end before the round's deadline; must be 0
 */
public record Round(long count, double throughput, double p50Ms, double p99Ms, double p999Ms,
    double cpuMicrosPerNotification, double allocBytesPerNotification, long peakHeapBytes,
    long lost) {
}
