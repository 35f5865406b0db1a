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
 * Limits limits = Limits.builder().maxScheduleAhead(Duration.ofDays(30)).maxRecipients(100)
 *     .build();
 * }</pre>
 *
 * @param maxScheduleAhead how far from now {@code sendAt} and {@code expiresAt} may lie (either
 *     way for {@code sendAt}: one in the past means now, but not one older than this); default 366
 *     days, at most 100 years
 * @param maxDataBytes the largest {@code data} map (keys and values, UTF-8); default 4,096
 * @param maxTextBytes the largest title, body, subject, text or html, each (UTF-8); default
 *     1 MiB (1,048,576)
 * @param maxMetadataEntries the most metadata entries; default 64
 * @param maxMetadataBytes the largest metadata (keys and values, UTF-8); default 8,192
 * @param maxRecipients the most recipients of one notification (a group counts as one); default
 *     1,000. More is a campaign: send a group, or one notification per recipient with
 *     {@code sendAll}
 * @param maxRenderedChars the longest text a template part may render to, in characters; the
 *     default Mustache engine stops rendering there, at {@code send} and at dispatch; default
 *     1,000,000
 * @param maxVariablesBytes the largest template variables: the UTF-8 bytes of every key and text
 *     value, 8 for any other value; default 65,536
 */
public record Limits(Duration maxScheduleAhead, int maxDataBytes, int maxTextBytes,
    int maxMetadataEntries, int maxMetadataBytes, int maxRecipients, int maxRenderedChars,
    int maxVariablesBytes) {
  private static final Limits DEFAULTS = new Limits(Duration.ofDays(366), 4_096, 1 << 20, 64,
      8_192, 1_000, 1_000_000, 65_536);

  /**
   * Rejects values that are not positive, and a schedule horizon past 100 years.
   *
   * @param maxScheduleAhead how far from now {@code sendAt} and {@code expiresAt} may lie
   * @param maxDataBytes the largest {@code data} map
   * @param maxTextBytes the largest text field
   * @param maxMetadataEntries the most metadata entries
   * @param maxMetadataBytes the largest metadata
   * @param maxRecipients the most recipients
   * @param maxRenderedChars the longest rendered template part
   * @param maxVariablesBytes the largest template variables
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
    positive(maxTextBytes, "maxTextBytes");
    positive(maxMetadataEntries, "maxMetadataEntries");
    positive(maxMetadataBytes, "maxMetadataBytes");
    positive(maxRecipients, "maxRecipients");
    positive(maxRenderedChars, "maxRenderedChars");
    positive(maxVariablesBytes, "maxVariablesBytes");
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
    private Limits limits;

    private Builder(Limits from) {
      this.limits = from;
    }

    /**
     * Sets how far from now {@code sendAt} and {@code expiresAt} may lie.
     *
     * @param maxScheduleAhead positive, at most 100 years; default 366 days
     * @return this builder
     */
    public Builder maxScheduleAhead(Duration maxScheduleAhead) {
      Limits l = limits;
      limits = new Limits(maxScheduleAhead, l.maxDataBytes, l.maxTextBytes, l.maxMetadataEntries,
          l.maxMetadataBytes, l.maxRecipients, l.maxRenderedChars, l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the largest {@code data} map.
     *
     * @param bytes keys and values, UTF-8; default 4,096
     * @return this builder
     */
    public Builder maxDataBytes(int bytes) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, bytes, l.maxTextBytes, l.maxMetadataEntries,
          l.maxMetadataBytes, l.maxRecipients, l.maxRenderedChars, l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the largest title, body, subject, text or html.
     *
     * @param bytes each field, UTF-8; default 1 MiB
     * @return this builder
     */
    public Builder maxTextBytes(int bytes) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, l.maxDataBytes, bytes, l.maxMetadataEntries,
          l.maxMetadataBytes, l.maxRecipients, l.maxRenderedChars, l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the most metadata entries and the largest metadata.
     *
     * @param entries the most entries; default 64
     * @param bytes keys and values, UTF-8; default 8,192
     * @return this builder
     */
    public Builder maxMetadata(int entries, int bytes) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, l.maxDataBytes, l.maxTextBytes, entries, bytes,
          l.maxRecipients, l.maxRenderedChars, l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the most recipients of one notification.
     *
     * @param recipients a group counts as one; default 1,000
     * @return this builder
     */
    public Builder maxRecipients(int recipients) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, l.maxDataBytes, l.maxTextBytes,
          l.maxMetadataEntries, l.maxMetadataBytes, recipients, l.maxRenderedChars,
          l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the longest text a template part may render to.
     *
     * @param chars in characters; default 1,000,000
     * @return this builder
     */
    public Builder maxRenderedChars(int chars) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, l.maxDataBytes, l.maxTextBytes,
          l.maxMetadataEntries, l.maxMetadataBytes, l.maxRecipients, chars, l.maxVariablesBytes);
      return this;
    }

    /**
     * Sets the largest template variables.
     *
     * @param bytes UTF-8 bytes of keys and text values, 8 for any other value; default 65,536
     * @return this builder
     */
    public Builder maxVariablesBytes(int bytes) {
      Limits l = limits;
      limits = new Limits(l.maxScheduleAhead, l.maxDataBytes, l.maxTextBytes,
          l.maxMetadataEntries, l.maxMetadataBytes, l.maxRecipients, l.maxRenderedChars, bytes);
      return this;
    }

    /** {@return the limits} */
    public Limits build() {
      return limits;
    }
  }
}
