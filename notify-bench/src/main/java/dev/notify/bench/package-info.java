/**
 * {@link dev.notify.bench.BenchRun}, what {@code bench/run} starts (the scenarios and JMH
 * benchmarks of the sub-packages, written to {@code bench/results}); and older benchmark
 * programs, one {@code main} each, run from the repository root with
 * {@code mvn -B -q -DskipTests -Dbench=<program> -pl notify-bench -am verify}: {@link
 * dev.notify.bench.EngineThroughput} (the engine alone) and {@link
 * dev.notify.bench.ApnsThroughput} (raw pushy, ApnsChannel and the whole client against a local
 * APNs peer). They print what they measure and assert nothing. Not deployed.
 */
package dev.notify.bench;
