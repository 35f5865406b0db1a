package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The size and time limits {@code send} checks before anything is stored; a notification over one
 * of them gets an {@link dev.notify.InvalidNotificationException} naming the field and the limit.
 * Channels add their own limits (a push payload's size, an SMS body's length) in their
 * {@code validate}. Immutable; set it with {@code NotificationClient.builder().limits(...)}.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().maxScheduleAhead(Duration.ofDays(30)).build();
 * }</pre>
 *
 * @param maxScheduleAhead how far from now {@code sendAt} and {@code expiresAt} may lie (either
 *     way for {@code sendAt}: one in the past means now, but not one older than this); default 366
 *     days
 * @param maxDataBytes the largest {@code data} map (keys and values, UTF-8); default 4,096
 */
public record Limits(Duration maxScheduleAhead, int maxDataBytes) {
  private static final Limits DEFAULTS = new Limits(Duration.ofDays(366), 4_096);

  /**
   * Rejects values that are not positive.
   *
   * @param maxScheduleAhead how far from now {@code sendAt} and {@code expiresAt} may lie
   * @param maxDataBytes the largest {@code data} map
   */
  public Limits {
    requireNonNull(maxScheduleAhead, "maxScheduleAhead");
    if (maxScheduleAhead.isNegative() || maxScheduleAhead.isZero()) {
      throw new IllegalArgumentException("maxScheduleAhead must be positive: " + maxScheduleAhead);
    }
    // Far beyond any schedule and still far from the overflow of a nanosecond delay (292 years).
    if (maxScheduleAhead.compareTo(Duration.ofDays(100 * 366)) > 0) {
      throw new IllegalArgumentException("maxScheduleAhead must be at most 100 years: "
          + maxScheduleAhead);
    }
    positive(maxDataBytes, "maxDataBytes");
  }

  /** {@return the defaults, as documented on each component} */
  public static Limits ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** {@return a builder starting from these limits} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /** Builds {@link Limits}; each setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private Duration maxScheduleAhead;
    private int maxDataBytes;

    private Builder(Limits from) {
      this.maxScheduleAhead = from.maxScheduleAhead;
      this.maxDataBytes = from.maxDataBytes;
    }

    /**
     * Sets how far from now {@code sendAt} and {@code expiresAt} may lie.
     *
     * @param maxScheduleAhead positive, at most 100 years; default 366 days
     * @return this builder
     */
    public Builder maxScheduleAhead(Duration maxScheduleAhead) {
      requireNonNull(maxScheduleAhead, "maxScheduleAhead");
      new Limits(maxScheduleAhead, maxDataBytes);
      this.maxScheduleAhead = maxScheduleAhead;
      return this;
    }

    /**
     * Sets the largest {@code data} map.
     *
     * @param bytes keys and values, UTF-8; default 4,096
     * @return this builder
     */
    public Builder maxDataBytes(int bytes) {
      this.maxDataBytes = positive(bytes, "maxDataBytes");
      return this;
    }

    /** {@return the limits} */
    public Limits build() {
      return new Limits(maxScheduleAhead, maxDataBytes);
    }
  }
}
