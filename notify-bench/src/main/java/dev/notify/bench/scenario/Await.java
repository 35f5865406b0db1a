package dev.notify.bench.scenario;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Waits for a counter, polling once a millisecond (a spin would take a core from the run). */
final class Await {
  private Await() {
  }

  /** {@return whether {@code counter} reached {@code target} within {@code timeout}} */
  static boolean atLeast(LongSupplier counter, long target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.getAsLong() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return true;
  }
}
