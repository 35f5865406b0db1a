package dev.notify.bench.harness;

import java.util.Arrays;
import java.util.List;

/** Medians, extremes and per-pair ratios of interleaved rounds. */
public final class Stats {
  private Stats() {
  }

  /**
   * {@return the median: the middle value, or the mean of the two middle ones for an even count}
   *
   * @param values at least one value
   */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** {@return the median of a list} @param values at least one value */
  public static double median(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** {@return the smallest value} @param values at least one value */
  public static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow(() -> new IllegalArgumentException("no values"));
  }

  /** {@return the largest value} @param values at least one value */
  public static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow(() -> new IllegalArgumentException("no values"));
  }

  /**
   * {@return round by round, {@code sdk[i] / baseline[i]}: each pair ran back to back, so their
   * ratio is what the noise of the machine disturbs least}
   *
   * @param sdk the SDK's rounds
   * @param baseline the baseline's rounds, as many
   */
  public static double[] ratios(double[] sdk, double[] baseline) {
    if (sdk.length != baseline.length || sdk.length == 0) {
      throw new IllegalArgumentException("pairs need as many SDK rounds as baseline rounds, at"
          + " least one: " + sdk.length + " and " + baseline.length);
    }
    double[] r = new double[sdk.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = baseline[i] == 0 ? Double.NaN : sdk[i] / baseline[i];
    }
    return r;
  }
}
