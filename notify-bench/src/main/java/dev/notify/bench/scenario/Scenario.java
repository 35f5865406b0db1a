package dev.notify.bench.scenario;

import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.ScenarioResult;

/** One scenario of {@code bench/run}: runs its variants interleaved and reports them. */
public interface Scenario {
  /** {@return the id of {@link Options#SCENARIOS}} */
  String id();

  /**
   * {@return what it measured}
   *
   * @param options sizes ({@code --quick}) and the rest of the command line
   * @throws Exception if a round fails or times out
   */
  ScenarioResult run(Options options) throws Exception;
}
