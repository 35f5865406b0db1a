package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import dev.notify.QueueFullException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code send} does when the client already holds its capacity of unfinished notifications in
 * memory. Whatever the policy, nothing is ever dropped silently.
 *
 * <p>A lane whose queue is full ({@link LaneOptions#queueCapacity()}) or whose channel is paused
 * is not a full memory: under REJECT and SPILL such a delivery is stored in the log and the lane
 * claims it once it has room. BLOCK waits for the lane's room as it waits for memory, within the
 * same timeout, so a caller that asked to be slowed down is slowed down by a saturated channel.
 */
public final class Backpressure {
  /** The policy's kind. */
  public enum Kind {
    /**
     * Wait up to a timeout for room in memory and in each target lane, then throw {@link
     * QueueFullException} with nothing stored.
     */
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
  private final @Nullable Duration timeout;

  private Backpressure(Kind kind, @Nullable Duration timeout) {
    this.kind = kind;
    this.timeout = timeout;
  }

  /**
   * {@return the BLOCK policy}
   *
   * @param timeout how long {@code send} waits for room, positive
   */
  public static Backpressure block(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("block timeout must be positive: " + timeout);
    }
    return new Backpressure(Kind.BLOCK, timeout);
  }

  /** {@return the REJECT policy (the default)} */
  public static Backpressure reject() {
    return REJECT;
  }

  /** {@return the SPILL policy} */
  public static Backpressure spill() {
    return SPILL;
  }

  /** {@return the kind} */
  public Kind kind() {
    return kind;
  }

  /** {@return the BLOCK timeout; empty for the other kinds} */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public String toString() {
    return timeout == null ? kind.name() : kind + "(" + timeout + ")";
  }
}
