/**
 * JMH micro-benchmarks of the hot paths at {@code send} (building a notification, the codec, the
 * send path with small and large content, the in-memory log's append, claim and transitions) and
 * {@link dev.notify.bench.jmh.Micro}, which runs them briefly for {@code bench/run}.
 */
package dev.notify.bench.jmh;
