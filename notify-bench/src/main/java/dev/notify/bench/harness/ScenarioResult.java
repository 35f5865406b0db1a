package dev.notify.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario measured: its variants, and the SDK/baseline pairs whose per-round ratios are
 * reported. A scenario that cannot run yet (durable, until notify-jdbc lands) has a
 * {@link #unavailable} reason and no variants.
 */
public final class ScenarioResult {
  /**
   * An SDK variant and the baseline it ran interleaved with.
   *
   * @param sdk the SDK variant's id
   * @param baseline the baseline variant's id
   */
  public record Pair(String sdk, String baseline) {
  }

  private final String id;
  private final String title;
  private final String latency;
  private final List<Variant> variants = new ArrayList<>();
  private final List<Pair> pairs = new ArrayList<>();
  private String unavailable;
  private String note;

  /**
   * An empty result.
   *
   * @param id the scenario id ({@link Options#SCENARIOS})
   * @param title a line saying what it measures
   * @param latency what "latency" means in it
   */
  public ScenarioResult(String id, String title, String latency) {
    this.id = id;
    this.title = title;
    this.latency = latency;
  }

  /** {@return a scenario that did not run, and why} @param id its id @param title its title
   * @param reason why it did not run */
  public static ScenarioResult unavailable(String id, String title, String reason) {
    ScenarioResult r = new ScenarioResult(id, title, "");
    r.unavailable = reason;
    return r;
  }

  /** {@return the variant, added} @param v a variant */
  public Variant add(Variant v) {
    variants.add(v);
    return v;
  }

  /** Reports {@code sdk/baseline} per round. @param sdk a variant id @param baseline another */
  public void pair(String sdk, String baseline) {
    pairs.add(new Pair(sdk, baseline));
  }

  /** Sets a remark printed with the results. @param note the remark */
  public void note(String note) {
    this.note = note;
  }

  /** {@return the id} */
  public String id() {
    return id;
  }

  /** {@return the title} */
  public String title() {
    return title;
  }

  /** {@return what latency means here} */
  public String latency() {
    return latency;
  }

  /** {@return the variants} */
  public List<Variant> variants() {
    return variants;
  }

  /** {@return the pairs} */
  public List<Pair> pairs() {
    return pairs;
  }

  /** {@return why it did not run, if it did not} */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailable);
  }

  /** {@return the remark, if any} */
  public Optional<String> note() {
    return Optional.ofNullable(note);
  }

  /** {@return the variant with this id} @param variantId the id */
  public Variant variant(String variantId) {
    return variants.stream().filter(v -> v.id().equals(variantId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no variant " + variantId));
  }

  /** {@return the per-round ratios of a pair's throughputs} @param p a pair of this scenario */
  public double[] ratios(Pair p) {
    return Stats.ratios(variant(p.sdk()).throughputs(), variant(p.baseline()).throughputs());
  }
}
