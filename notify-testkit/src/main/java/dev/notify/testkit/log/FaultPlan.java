package dev.notify.testkit.log;

import dev.notify.testkit.log.FaultInjectingNotificationLog.InjectedFaultException;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Method;
import dev.notify.testkit.log.FaultInjectingNotificationLog.Timing;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Which calls of a {@link FaultInjectingNotificationLog} fail, and how many did: the planned
 * calls, the chance on the methods that fail at random and the seeded randomness that draws it,
 * the switch, and the counts. The random draw is serialised so that a seed gives one sequence.
 * Thread-safe.
 */
final class FaultPlan {
  private final Map<Method, Map<Integer, Timing>> onCall = new EnumMap<>(Method.class);
  private final Set<Method> random;
  private final double probability;
  private final double ambiguousShare;
  private final Random randomness;
  private volatile boolean enabled;
  private final Map<Method, AtomicInteger> calls = new EnumMap<>(Method.class);
  private final Map<Method, Map<Timing, AtomicInteger>> faults = new EnumMap<>(Method.class);

  FaultPlan(Map<Method, Map<Integer, Timing>> onCall, Set<Method> random, double probability,
      double ambiguousShare, long seed, boolean enabled) {
    onCall.forEach((m, byCall) -> this.onCall.put(m, Map.copyOf(byCall)));
    this.random = random.isEmpty() ? Set.of() : EnumSet.copyOf(random);
    this.probability = probability;
    this.ambiguousShare = ambiguousShare;
    this.randomness = new Random(seed);
    this.enabled = enabled;
    for (Method m : Method.values()) {
      calls.put(m, new AtomicInteger());
      Map<Timing, AtomicInteger> byTiming = new EnumMap<>(Timing.class);
      for (Timing t : Timing.values()) {
        byTiming.put(t, new AtomicInteger());
      }
      faults.put(m, byTiming);
    }
  }

  void enabled(boolean on) {
    enabled = on;
  }

  boolean isEnabled() {
    return enabled;
  }

  int calls(Method method) {
    return calls.get(method).get();
  }

  int faults(Method method, Timing timing) {
    return faults.get(method).get(timing).get();
  }

  /**
   * Counts a call of the method and decides its fault.
   *
   * @return the fault to throw, before or after the call as it says, or null for none
   */
  @Nullable InjectedFaultException next(Method method) {
    int number = calls.get(method).incrementAndGet();
    Timing timing = timing(method, number);
    if (timing == null) {
      return null;
    }
    faults.get(method).get(timing).incrementAndGet();
    return new InjectedFaultException(method, timing, number);
  }

  private @Nullable Timing timing(Method method, int number) {
    if (!enabled) {
      return null;
    }
    Map<Integer, Timing> planned = onCall.get(method);
    if (planned != null && planned.containsKey(number)) {
      return planned.get(number);
    }
    if (!random.contains(method)) {
      return null;
    }
    synchronized (randomness) {
      if (randomness.nextDouble() >= probability) {
        return null;
      }
      return randomness.nextDouble() < ambiguousShare ? Timing.AFTER : Timing.BEFORE;
    }
  }
}
