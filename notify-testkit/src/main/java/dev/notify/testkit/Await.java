package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits until something holds, up to a deadline, and otherwise fails the test with a message that
 * names what it waited for and what it saw last. The one wait of the testkit: the recorders, the
 * provider peers and the compatibility kit all wait through it, and tests can too.
 *
 * <pre>{@code
 * Await.atMost(Duration.ofSeconds(10)).until("the lane is paused",
 *     () -> client.stats().lanes().get("sms").circuit() == CircuitState.OPEN);
 *
 * List<Delivery> sends = Await.atMost(WAIT)
 *     .until("two sends", channel::sends, s -> s.size() >= 2);
 *
 * Await.atMost(WAIT).untilAtLeast(3, "pushes answered", peer::receivedCount);
 * // AssertionError: timed out after PT10S waiting for at least 3 pushes answered; there were 1
 * }</pre>
 *
 * <p>It checks at once, then parks between checks: briefly at first (from 10 µs, doubling up to
 * 1 ms, so a wait that is almost over costs little) or at a fixed {@link #pollingEvery(Duration)
 * interval} for conditions that are expensive to check or act (a resend until one is accepted).
 * It never spins. The condition is checked once more when the deadline has passed, so a condition
 * that became true while the waiter was parked is not reported as late. An interrupt ends the
 * wait with an {@link AssertionError} and keeps the thread's interrupt flag set. Conditions run
 * on the waiting thread; an exception they throw ends the wait and propagates.
 *
 * <p>Immutable and thread-safe: keep one in a constant ({@code static final Await WAIT =
 * Await.atMost(Duration.ofSeconds(10));}).
 */
public final class Await {
  private static final long FIRST_PARK_NANOS = 10_000;
  private static final long MAX_PARK_NANOS = 1_000_000;

  private final Duration timeout;
  private final long timeoutNanos;
  private final long intervalNanos;

  private Await(Duration timeout, long intervalNanos) {
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    this.intervalNanos = intervalNanos;
  }

  /**
   * {@return waits that give up after {@code timeout}}
   *
   * @param timeout how long a wait may take at most; zero checks once
   * @throws IllegalArgumentException if the timeout is negative
   */
  public static Await atMost(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return new Await(timeout, 0);
  }

  /**
   * {@return the same waits, checking every {@code interval} instead of after short parks}
   *
   * @param interval the pause between two checks; positive
   * @throws IllegalArgumentException if the interval is zero or negative
   */
  public Await pollingEvery(Duration interval) {
    requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    return new Await(timeout, interval.toNanos());
  }

  /** {@return how long a wait may take at most} */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Waits until {@code condition} holds.
   *
   * @param what the condition in words, as it completes "waiting until …", e.g. {@code "the lane
   *     is paused"}
   * @param condition checked on this thread until it returns true
   * @throws AssertionError if it does not hold within the timeout, or the thread is interrupted
   */
  public void until(String what, BooleanSupplier condition) {
    requireNonNull(what, "what");
    requireNonNull(condition, "condition");
    poll("until " + what, condition::getAsBoolean, Boolean::booleanValue, null);
  }

  /**
   * Waits until the value that {@code probe} returns satisfies {@code done}, and returns it.
   *
   * @param <T> the type of the value
   * @param what what is awaited, as it completes "waiting until …"
   * @param probe reads the current value on this thread
   * @param done whether the value is the one awaited
   * @return the first value that satisfied {@code done}
   * @throws AssertionError if no value did within the timeout (the message shows the last one), or
   *     the thread is interrupted
   */
  public <T> T until(String what, Supplier<? extends T> probe, Predicate<? super T> done) {
    requireNonNull(what, "what");
    return poll("until " + what, probe, done, value -> "last seen: " + value);
  }

  /**
   * Waits like {@link #until(String, Supplier, Predicate)}, describing the last value with
   * {@code describe} when it fails (for values whose {@code toString} is too long or says too
   * little).
   *
   * @param <T> the type of the value
   * @param what what is awaited, as it completes "waiting until …"
   * @param probe reads the current value on this thread
   * @param done whether the value is the one awaited
   * @param describe the last value in words, appended to the failure message after
   *     {@code "; "}, e.g. {@code n -> "got " + n.size() + ": " + n}
   * @return the first value that satisfied {@code done}
   * @throws AssertionError if no value did within the timeout, or the thread is interrupted
   */
  public <T> T until(String what, Supplier<? extends T> probe, Predicate<? super T> done,
      Function<? super T, String> describe) {
    requireNonNull(what, "what");
    return poll("until " + what, probe, done, requireNonNull(describe, "describe"));
  }

  /**
   * Waits until a count reaches at least {@code atLeast}.
   *
   * @param atLeast the count awaited
   * @param what what is counted, e.g. {@code "pushes answered"}
   * @param count reads the current count on this thread
   * @return the first count that reached {@code atLeast}
   * @throws AssertionError if it does not within the timeout (the message shows the count), or the
   *     thread is interrupted
   */
  public long untilAtLeast(long atLeast, String what, LongSupplier count) {
    requireNonNull(what, "what");
    requireNonNull(count, "count");
    return poll("for at least " + atLeast + " " + what, count::getAsLong, n -> n >= atLeast,
        n -> "there were " + n);
  }

  /** @param awaited "until …" or "for …", as the failure message says it */
  private <T> T poll(String awaited, Supplier<? extends T> probe, Predicate<? super T> done,
      Function<? super T, String> describe) {
    requireNonNull(probe, "probe");
    requireNonNull(done, "done");
    long start = System.nanoTime();
    long park = intervalNanos > 0 ? intervalNanos : FIRST_PARK_NANOS;
    while (true) {
      T value = probe.get();
      if (done.test(value)) {
        return value;
      }
      long left = timeoutNanos - (System.nanoTime() - start);
      if (left <= 0) {
        throw new AssertionError("timed out after " + timeout + " waiting " + awaited
            + (describe == null ? "" : "; " + describe.apply(value)));
      }
      LockSupport.parkNanos(Math.min(park, left));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting " + awaited);
      }
      if (intervalNanos == 0) {
        park = Math.min(park * 2, MAX_PARK_NANOS);
      }
    }
  }

  @Override
  public String toString() {
    return "Await[atMost=" + timeout
        + (intervalNanos > 0 ? ", every=" + Duration.ofNanos(intervalNanos) : "") + "]";
  }
}
