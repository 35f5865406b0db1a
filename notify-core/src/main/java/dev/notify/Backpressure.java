package dev.notify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code send} does when the client already holds its capacity of unfinished notifications in
 * memory. Whatever the policy, nothing is ever dropped silently.
 */
public final class Backpressure {
  /** The policy's kind. */
  public enum Kind {
    /** Wait up to a timeout for room, then throw {@link QueueFullException}. */
    BLOCK,
    /** Throw {@link QueueFullException} at once; nothing is stored and the id stays free. */
    REJECT,
    /**
     * Store the notification in the log anyway and let lanes claim it when they have room. Bounded
     * by what the log can hold; past that, {@code send} rejects too.
     */
    SPILL
  }

  private static final Backpressure REJECT = new Backpressure(Kind.REJECT, null);
  private static final Backpressure SPILL = new Backpressure(Kind.SPILL, null);

  private final Kind kind;
  private final Duration timeout;

  private Backpressure(Kind kind, Duration timeout) {
    this.kind = kind;
    this.timeout = timeout;
  }

  /**
   * @param timeout how long {@code send} waits for room, positive
   * @return the BLOCK policy
   */
  public static Backpressure block(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("block timeout must be positive: " + timeout);
    }
    return new Backpressure(Kind.BLOCK, timeout);
  }

  /** @return the REJECT policy (the default) */
  public static Backpressure reject() {
    return REJECT;
  }

  /** @return the SPILL policy */
  public static Backpressure spill() {
    return SPILL;
  }

  /** @return the kind */
  public Kind kind() {
    return kind;
  }

  /** @return the BLOCK timeout; empty for the other kinds */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public String toString() {
    return timeout == null ? kind.name() : kind + "(" + timeout + ")";
  }
}
