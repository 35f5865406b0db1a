/**
 * The harness of {@code bench/run}: its options, the measurement of one round ({@link
 * dev.notify.bench.harness.Meter}: HdrHistogram latencies, CPU, allocation, peak heap), the
 * results (variants, rounds, SDK/baseline pairs, medians and per-pair ratios) and their writers:
 * JSON, Markdown and Java2D PNG charts.
 */
package dev.notify.bench.harness;
