package dev.notify.bench.harness;

/**
 * One JMH benchmark's score.
 *
 * @param benchmark the benchmark method, e.g. {@code CodecBenchmark.toJson}
 * @param score the primary score
 * @param error its error (99.9% half-width; NaN with a single iteration)
 * @param unit its unit, e.g. {@code ns/op}
 * @param allocBytesPerOp bytes allocated per operation (JMH's gc profiler), NaN if not measured
 */
public record JmhScore(String benchmark, double score, double error, String unit,
    double allocBytesPerOp) {
}
