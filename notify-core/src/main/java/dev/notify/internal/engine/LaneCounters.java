package dev.notify.internal.engine;

import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lane's attempts by outcome, deliveries ended by state and deliveries parked back in the log,
 * counted without a lock.
 */
final class LaneCounters {
  private final Map<Outcome, LongAdder> attempts = adders(Outcome.class);
  private final Map<DeliveryState, LongAdder> finished = adders(DeliveryState.class);
  private final LongAdder parked = new LongAdder();

  private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
    Map<E, LongAdder> m = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      m.put(e, new LongAdder());
    }
    return m;
  }

  private static <E extends Enum<E>> Map<E, Long> sums(Class<E> type, Map<E, LongAdder> adders) {
    Map<E, Long> m = new EnumMap<>(type);
    adders.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  void count(Outcome outcome) {
    attempts.get(outcome).increment();
  }

  void count(DeliveryState terminal) {
    finished.get(terminal).increment();
  }

  void parked() {
    parked.increment();
  }

  long parkedCount() {
    return parked.sum();
  }

  Map<Outcome, Long> attempts() {
    return sums(Outcome.class, attempts);
  }

  Map<DeliveryState, Long> finished() {
    return sums(DeliveryState.class, finished);
  }
}
