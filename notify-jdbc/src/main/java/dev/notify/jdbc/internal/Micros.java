package dev.notify.jdbc.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the BIGINT columns store them: microseconds since the epoch. */
final class Micros {
  private Micros() {
  }

  static long of(Instant i) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, i);
  }

  static Instant at(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** Drops what a column cannot hold, so a value read back equals the one written. */
  static Instant truncate(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }
}
