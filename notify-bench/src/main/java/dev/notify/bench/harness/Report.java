package dev.notify.bench.harness;

import java.util.List;

/**
 * A whole run.
 *
 * @param machine where and when it ran
 * @param quick whether it was a smoke run
 * @param scenarios the scenarios, in the order they ran
 * @param jmh the JMH scores, empty if the micro-benchmarks did not run
 */
public record Report(Machine machine, boolean quick, List<ScenarioResult> scenarios,
    List<JmhScore> jmh) {
}
