package dev.notify.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of doing a scenario's work (the SDK, or its baseline), its rounds in the order they ran
 * and any figures of its own ({@link #extras}: load shape counts, memory per notification).
 */
public final class Variant {
  private final String id;
  private final String description;
  private final List<Round> rounds = new ArrayList<>();
  private final Map<String, Object> extras = new LinkedHashMap<>();

  /**
   * A variant with no rounds yet.
   *
   * @param id short id, e.g. {@code sdk-1}
   * @param description what it does
   */
  public Variant(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** {@return the id} */
  public String id() {
    return id;
  }

  /** {@return what it does} */
  public String description() {
    return description;
  }

  /** {@return the rounds, in the order they ran} */
  public List<Round> rounds() {
    return rounds;
  }

  /** {@return figures of this variant beyond rounds, by name} */
  public Map<String, Object> extras() {
    return extras;
  }

  /** {@return each round's throughput} */
  public double[] throughputs() {
    return rounds.stream().mapToDouble(Round::throughput).toArray();
  }

  /** {@return the median throughput, NaN without rounds} */
  public double medianThroughput() {
    return rounds.isEmpty() ? Double.NaN : Stats.median(throughputs());
  }

  /** {@return the median of one figure over the rounds, NaN without rounds} @param f the figure */
  public double median(java.util.function.ToDoubleFunction<Round> f) {
    return rounds.isEmpty() ? Double.NaN
        : Stats.median(rounds.stream().mapToDouble(f).toArray());
  }

  /** {@return the lost count over all rounds} */
  public long lost() {
    return rounds.stream().mapToLong(Round::lost).sum();
  }
}
