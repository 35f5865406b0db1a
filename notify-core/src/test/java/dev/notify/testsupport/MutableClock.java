package dev.notify.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when a test moves it. Thread-safe. */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** @return a clock standing at {@code start}, in UTC */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** @return a clock standing at {@code start} (an ISO instant), in UTC */
  public static MutableClock at(String start) {
    return at(Instant.parse(start));
  }

  /** Moves the clock forward (or back, for a negative amount). */
  public MutableClock advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
    return this;
  }

  /** Sets the clock. */
  public MutableClock set(Instant instant) {
    now.set(instant);
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }
}
