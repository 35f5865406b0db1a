package dev.notify.internal.engine;

import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's fenced writes to the log, combined: a thread that writes while another thread's
 * write is under way leaves its transition in a queue, and the writing thread takes everything
 * queued into its next {@link NotificationLog#transitionAll}, up to {@value #MAX_BATCH} at a time.
 * Alone, a write is one {@code transition} on the caller's thread, as before; under load, many
 * lanes' outcomes share one call, so that a durable log commits them together instead of once per
 * delivery. What follows a write runs once it is applied, on the thread that wrote the batch. A
 * batch that fails is retried change by change through the {@link Retrier} (each change is safe
 * to repeat).
 */
final class Writes {
  private static final Logger LOG = LoggerFactory.getLogger(Writes.class);
  static final int MAX_BATCH = 256;

  /** The writes one thread deferred in one batch, and what runs once all are answered. */
  private static final class Batch {
    /** Writes not yet answered, plus one held by the batch's owner until it flushes. */
    final AtomicInteger remaining = new AtomicInteger(1);
    volatile @Nullable Runnable whenWritten;

    void done() {
      if (remaining.decrementAndGet() == 0) {
        Runnable r = whenWritten;
        if (r != null) {
          r.run();
        }
      }
    }
  }

  private static final class Pending {
    final Transition transition;
    final String what;
    final Consumer<Boolean> then;
    final @Nullable Batch batch;

    Pending(Transition transition, String what, Consumer<Boolean> then, @Nullable Batch batch) {
      this.transition = transition;
      this.what = what;
      this.then = then;
      this.batch = batch;
    }

    /** Its answer was handled, or it went to the retrier. */
    void finished() {
      if (batch != null) {
        batch.done();
      }
    }
  }

  private final NotificationLog log;
  private final Retrier retrier;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  /** The batch this thread defers its writes into; null when it does not defer. */
  private final ThreadLocal<@Nullable Batch> deferred = new ThreadLocal<>();

  Writes(NotificationLog log, Retrier retrier) {
    this.log = log;
    this.retrier = retrier;
  }

  /**
   * Applies a fenced change, now or with the next batch.
   *
   * @param what what the change does, for the log message if it fails
   * @param then gets whether it was applied (false: the fence no longer matched), once
   */
  void write(Transition transition, String what, Consumer<Boolean> then) {
    Batch batch = deferred.get();
    if (batch != null) {
      batch.remaining.incrementAndGet();
    }
    queue.add(new Pending(transition, what, then, batch));
    if (batch == null) {
      drain();
    }
  }

  /**
   * From now until {@link #flush}, this thread's writes wait in the queue: a lane handling a
   * batch of provider answers writes all their outcomes in one call at the end of it.
   */
  void defer() {
    if (deferred.get() == null) {
      deferred.set(new Batch());
    }
  }

  /**
   * Ends {@link #defer} on this thread and writes what is queued. {@code whenWritten} runs once
   * every write this thread deferred has been answered: at once on this thread when it wrote
   * them itself, else on the thread whose batch took them (this thread does not wait).
   */
  void flush(Runnable whenWritten) {
    Batch batch = deferred.get();
    deferred.remove();
    if (batch == null) {
      drain();
      whenWritten.run();
      return;
    }
    batch.whenWritten = whenWritten;
    drain();
    batch.done();
  }

  private void drain() {
    // Whoever holds the flag writes what is queued; it looks again after letting go, so a change
    // queued meanwhile is never left behind.
    while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
      List<Pending> batch = new ArrayList<>();
      Pending p;
      while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
        batch.add(p);
      }
      List<Boolean> applied = null;
      RuntimeException failure = null;
      try {
        applied = apply(batch);
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        writing.set(false);
      }
      if (failure != null) {
        retryEach(batch, failure);
      } else {
        for (int i = 0; i < batch.size(); i++) {
          answer(batch.get(i), applied.get(i));
        }
      }
    }
  }

  private List<Boolean> apply(List<Pending> batch) {
    if (batch.size() == 1) {
      Transition t = batch.get(0).transition;
      return List.of(log.transition(t.deliveryId(), t.fence(), t.update()));
    }
    List<Transition> transitions = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      transitions.add(p.transition);
    }
    List<Boolean> applied = log.transitionAll(transitions);
    if (applied.size() != batch.size()) {
      throw new IllegalStateException("the log answered " + applied.size() + " results for "
          + batch.size() + " transitions");
    }
    return applied;
  }

  private void retryEach(List<Pending> batch, RuntimeException failure) {
    LOG.warn("writing {} changes to the log failed; retrying each: {}", batch.size(),
        failure.toString());
    for (Pending p : batch) {
      retrier.later(Retrier.backoff(1), () -> retrier.run(p.what,
          () -> log.transition(p.transition.deliveryId(), p.transition.fence(),
              p.transition.update()), p.then));
      p.finished();
    }
  }

  private static void answer(Pending p, boolean applied) {
    try {
      p.then.accept(applied);
    } catch (RuntimeException e) {
      LOG.error("handling the answer of {} failed", p.what, e);
    } finally {
      p.finished();
    }
  }
}
