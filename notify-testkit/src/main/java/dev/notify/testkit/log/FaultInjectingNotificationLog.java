package dev.notify.testkit.log;

import static java.util.Objects.requireNonNull;

import dev.notify.LogUnavailableException;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.spi.log.Transition;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link NotificationLog} that fails on purpose, to test what its callers do when the log does:
 * every fault is a {@link LogUnavailableException} (an {@link InjectedFaultException}), the
 * exception the log's error contract calls transient and ambiguous. A fault strikes either
 * {@link Timing#BEFORE before} the call reaches the wrapped log (nothing happened) or
 * {@link Timing#AFTER after} it returned (the call took effect but the caller sees an exception:
 * an ambiguous commit, which the caller's retry must cope with).
 *
 * <p>Faults come from two sources, which may be combined: the n-th call of a method
 * ({@link Builder#failingOnCall}), and a chance on every call of chosen methods
 * ({@link Builder#failing}, {@link Builder#withProbability}), drawn from a {@link Random} with a
 * given seed, so that a single-threaded run fails the same calls every time.
 *
 * <pre>{@code
 * FaultInjectingNotificationLog log = FaultInjectingNotificationLog
 *     .wrap(InMemoryNotificationLog.create())
 *     .failing(Method.TRANSITION, Method.CLAIM_DUE)
 *     .withProbability(0.01, 42)
 *     .ambiguousShare(0.5)
 *     .build();
 * // ... run a client on the log ...
 * log.disable();  // let it settle, then check that nothing was lost or sent twice
 * assertThat(log.faultsInjected(Method.TRANSITION)).isPositive();
 * }</pre>
 *
 * <p>Thread-safe. Calls are counted and faults drawn as calls arrive; with several threads the
 * order, and so which calls fail, depends on their interleaving. {@link #close()} is forwarded
 * and never fails.
 */
public final class FaultInjectingNotificationLog extends ForwardingNotificationLog {

  /** The methods of {@link NotificationLog} a fault can strike. */
  public enum Method {
    /** {@link NotificationLog#now()}. */
    NOW(false),
    /** {@link NotificationLog#append}. */
    APPEND(true),
    /** {@link NotificationLog#appendAll}. */
    APPEND_ALL(true),
    /** {@link NotificationLog#claimDue}. */
    CLAIM_DUE(true),
    /** {@link NotificationLog#hasDue}. */
    HAS_DUE(false),
    /** {@link NotificationLog#heartbeat}. */
    HEARTBEAT(true),
    /** {@link NotificationLog#releaseAll}. */
    RELEASE_ALL(true),
    /** {@link NotificationLog#transition}. */
    TRANSITION(true),
    /** {@link NotificationLog#transitionAll}. */
    TRANSITION_ALL(true),
    /** {@link NotificationLog#expand}. */
    EXPAND(true),
    /** {@link NotificationLog#cancel}. */
    CANCEL(true),
    /** {@link NotificationLog#replay}. */
    REPLAY(true),
    /** {@link NotificationLog#recordReceipt}. */
    RECORD_RECEIPT(true),
    /** {@link NotificationLog#recordReceiptFor}. */
    RECORD_RECEIPT_FOR(true),
    /** {@link NotificationLog#find}. */
    FIND(false),
    /** {@link NotificationLog#members}. */
    MEMBERS(false),
    /** {@link NotificationLog#history}. */
    HISTORY(false),
    /** {@link NotificationLog#deadLetters}. */
    DEAD_LETTERS(false),
    /** {@link NotificationLog#purge}. */
    PURGE(true);

    private final boolean write;

    Method(boolean write) {
      this.write = write;
    }

    /**
     * {@return true if the method may change the log, so that a fault after it is an ambiguous
     * commit; false for reads, where a fault after is as good as one before}
     */
    public boolean isWrite() {
      return write;
    }

    /** {@return the methods that may change the log} */
    public static Set<Method> writes() {
      Set<Method> writes = EnumSet.noneOf(Method.class);
      for (Method m : values()) {
        if (m.write) {
          writes.add(m);
        }
      }
      return writes;
    }
  }

  /** When a fault strikes, relative to the wrapped log's call. */
  public enum Timing {
    /** Before the call reaches the wrapped log: nothing happened. */
    BEFORE,
    /** After the wrapped log's call returned: it took effect, but its answer is lost. */
    AFTER
  }

  /**
   * The exception a fault throws: a {@link LogUnavailableException} that says which call it
   * struck and whether that call took effect.
   */
  public static final class InjectedFaultException extends LogUnavailableException {
    private static final long serialVersionUID = 1L;

    /** The method the fault struck. */
    private final Method method;
    /** Whether the call took effect before the fault. */
    private final Timing timing;
    /** The number of the call it struck, counted per method from 1. */
    private final int call;

    InjectedFaultException(Method method, Timing timing, int call) {
      super("injected fault on call " + call + " of " + method + (timing == Timing.BEFORE
          ? ": the call did not reach the log" : ": the call took effect, its answer was lost"));
      this.method = method;
      this.timing = timing;
      this.call = call;
    }

    /** {@return the method the fault struck} */
    public Method method() {
      return method;
    }

    /** {@return whether the call took effect ({@link Timing#AFTER}) or not} */
    public Timing timing() {
      return timing;
    }

    /** {@return the number of the call it struck, counted per method from 1} */
    public int call() {
      return call;
    }
  }

  private final FaultPlan plan;

  private FaultInjectingNotificationLog(Builder b) {
    super(b.log);
    this.plan = new FaultPlan(b.onCall, b.random, b.probability, Math.max(0, b.ambiguousShare),
        b.seed, b.enabled);
  }

  /**
   * Starts wrapping a log; with nothing more configured, the wrapper only forwards.
   *
   * @param log the log that does the work
   * @return a builder for the faults
   */
  public static Builder wrap(NotificationLog log) {
    return new Builder(requireNonNull(log, "log"));
  }

  /** Stops injecting faults; calls are still counted. */
  public void disable() {
    plan.enabled(false);
  }

  /** Injects faults again, as configured. */
  public void enable() {
    plan.enabled(true);
  }

  /** {@return true while faults are injected} */
  public boolean isEnabled() {
    return plan.isEnabled();
  }

  /**
   * {@return how many calls of the method arrived, failed or not, while enabled or not}
   *
   * @param method the method
   */
  public int calls(Method method) {
    return plan.calls(requireNonNull(method, "method"));
  }

  /**
   * {@return how many faults were injected into calls of the method}
   *
   * @param method the method
   */
  public int faultsInjected(Method method) {
    return faultsInjected(method, Timing.BEFORE) + faultsInjected(method, Timing.AFTER);
  }

  /**
   * {@return how many faults were injected into calls of the method at that timing}
   *
   * @param method the method
   * @param timing before the call (nothing happened) or after it (ambiguous commits)
   */
  public int faultsInjected(Method method, Timing timing) {
    return plan.faults(requireNonNull(method, "method"), requireNonNull(timing, "timing"));
  }

  /** {@return how many faults were injected in all} */
  public int faultsInjected() {
    int total = 0;
    for (Method m : Method.values()) {
      total += faultsInjected(m);
    }
    return total;
  }

  private <T> T inject(Method method, Supplier<T> call) {
    InjectedFaultException fault = plan.next(method);
    if (fault != null && fault.timing() == Timing.BEFORE) {
      throw fault;
    }
    T result = call.get();
    if (fault != null) {
      throw fault;
    }
    return result;
  }

  @Override
  public Instant now() {
    return inject(Method.NOW, super::now);
  }

  @Override
  public AppendResult append(NotificationRecord record) {
    return inject(Method.APPEND, () -> super.append(record));
  }

  @Override
  public List<AppendResult> appendAll(List<NotificationRecord> records) {
    return inject(Method.APPEND_ALL, () -> super.appendAll(records));
  }

  @Override
  public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
    return inject(Method.CLAIM_DUE, () -> super.claimDue(channel, owner, limit));
  }

  @Override
  public boolean hasDue(String channel, String owner) {
    return inject(Method.HAS_DUE, () -> super.hasDue(channel, owner));
  }

  @Override
  public void heartbeat(String owner, Duration lease) {
    inject(Method.HEARTBEAT, () -> {
      super.heartbeat(owner, lease);
      return Boolean.TRUE;
    });
  }

  @Override
  public int releaseAll(String owner, Set<String> keep) {
    return inject(Method.RELEASE_ALL, () -> super.releaseAll(owner, keep));
  }

  @Override
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    return inject(Method.TRANSITION, () -> super.transition(deliveryId, fence, update));
  }

  @Override
  public List<Boolean> transitionAll(List<Transition> transitions) {
    return inject(Method.TRANSITION_ALL, () -> super.transitionAll(transitions));
  }

  @Override
  public boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements) {
    return inject(Method.EXPAND, () -> super.expand(deliveryId, fence, replacements));
  }

  @Override
  public List<DeliveryRecord> cancel(String notificationId) {
    return inject(Method.CANCEL, () -> super.cancel(notificationId));
  }

  @Override
  public List<DeliveryRecord> replay(String notificationId) {
    return inject(Method.REPLAY, () -> super.replay(notificationId));
  }

  @Override
  public ReceiptResult recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    return inject(Method.RECORD_RECEIPT,
        () -> super.recordReceipt(channel, providerMessageId, receipt));
  }

  @Override
  public ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt) {
    return inject(Method.RECORD_RECEIPT_FOR, () -> super.recordReceiptFor(deliveryId, receipt));
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    return inject(Method.FIND, () -> super.find(notificationId));
  }

  @Override
  public GroupMembers members(String parentId) {
    return inject(Method.MEMBERS, () -> super.members(parentId));
  }

  @Override
  public List<NotificationRecord> history(String recipientKey, int limit) {
    return inject(Method.HISTORY, () -> super.history(recipientKey, limit));
  }

  @Override
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    return inject(Method.DEAD_LETTERS, () -> super.deadLetters(channel, limit));
  }

  @Override
  public int purge(Duration finishedFor) {
    return inject(Method.PURGE, () -> super.purge(finishedFor));
  }

  /**
   * Configures the faults of a {@link FaultInjectingNotificationLog}; start one with
   * {@link FaultInjectingNotificationLog#wrap}. Not thread-safe.
   */
  public static final class Builder {
    private final NotificationLog log;
    private final Map<Method, Map<Integer, Timing>> onCall = new EnumMap<>(Method.class);
    private final Set<Method> random = EnumSet.noneOf(Method.class);
    private double probability = -1;
    private long seed;
    private double ambiguousShare = -1;
    private boolean enabled = true;

    private Builder(NotificationLog log) {
      this.log = log;
    }

    /**
     * Makes the {@code call}-th call of the method fail, once (calls are counted per method from
     * 1, from when the log is built, while enabled or not; a planned fault that comes while the
     * log is disabled is skipped). May be given for several calls.
     *
     * @param method the method to fail
     * @param call which of its calls, from 1
     * @param timing before the call reaches the log, or after it took effect
     * @return this builder
     * @throws IllegalArgumentException if {@code call} is below 1 or that call already fails
     */
    public Builder failingOnCall(Method method, int call, Timing timing) {
      requireNonNull(method, "method");
      requireNonNull(timing, "timing");
      if (call < 1) {
        throw new IllegalArgumentException("calls are counted from 1: " + call);
      }
      Map<Integer, Timing> byCall = onCall.computeIfAbsent(method, m -> new HashMap<>());
      if (byCall.containsKey(call)) {
        throw new IllegalArgumentException("call " + call + " of " + method
            + " already fails " + byCall.get(call));
      }
      byCall.put(call, timing);
      return this;
    }

    /**
     * Names methods that fail at random, with {@link #withProbability}; default none. Adds to
     * those named before.
     *
     * @param methods the methods
     * @return this builder
     */
    public Builder failing(Method... methods) {
      return failing(List.of(methods));
    }

    /**
     * Names methods that fail at random, with {@link #withProbability}; default none. Adds to
     * those named before. {@code failing(Method.writes())} fails every call that may change the
     * log.
     *
     * @param methods the methods
     * @return this builder
     */
    public Builder failing(Collection<Method> methods) {
      for (Method m : methods) {
        random.add(requireNonNull(m, "method"));
      }
      return this;
    }

    /**
     * Sets the chance that a call of a method named by {@link #failing} fails, and the seed of
     * the randomness that decides it (and its timing).
     *
     * @param probability from 0 (never) to 1 (every call)
     * @param seed the seed of the {@link Random}
     * @return this builder
     * @throws IllegalArgumentException if the probability is not within [0, 1]
     */
    public Builder withProbability(double probability, long seed) {
      checkShare(probability, "probability");
      this.probability = probability;
      this.seed = seed;
      return this;
    }

    /**
     * Sets the share of random faults that strike after the call took effect (ambiguous
     * commits); the rest strike before it.
     *
     * @param share from 0 (all before, the default) to 1 (all after)
     * @return this builder
     * @throws IllegalArgumentException if the share is not within [0, 1]
     */
    public Builder ambiguousShare(double share) {
      checkShare(share, "ambiguousShare");
      this.ambiguousShare = share;
      return this;
    }

    /**
     * Sets whether faults are injected from the start; default true. A test that sets up its
     * fixtures first builds it disabled and calls {@link FaultInjectingNotificationLog#enable}.
     *
     * @param enabled false to start with no faults
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * {@return the log, injecting the faults configured}
     *
     * @throws IllegalStateException if random faults are only half configured
     */
    public FaultInjectingNotificationLog build() {
      if (!random.isEmpty() && probability < 0) {
        throw new IllegalStateException("failing(" + random + ") names methods to fail at"
            + " random, but no chance was given: add withProbability(p, seed)");
      }
      if (random.isEmpty() && probability >= 0) {
        throw new IllegalStateException("withProbability(" + probability + ", " + seed
            + ") needs the methods to fail at random: add failing(methods)");
      }
      if (random.isEmpty() && ambiguousShare >= 0) {
        throw new IllegalStateException("ambiguousShare(" + ambiguousShare + ") applies to"
            + " random faults: add failing(methods) and withProbability(p, seed), or give the"
            + " timing of a planned fault in failingOnCall");
      }
      return new FaultInjectingNotificationLog(this);
    }

    private static void checkShare(double value, String name) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
      }
    }
  }
}
