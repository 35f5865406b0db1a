package dev.notify.internal.engine;

import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.NotificationStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits for a notification to finish: the future handed out in its receipts, and the share
 * of the engine's backlog it holds (see {@link Backlog}). Both end when every delivery of the
 * notification is terminal, and are driven from the log, so they end whichever instance finished
 * the work: this instance looks as soon as it finishes a delivery itself, and a sweep on every
 * claim poll looks at the rest ({@value #SWEEP_BATCH} per poll, in turn).
 *
 * <p>Futures are bounded: beyond {@code max} pending at once, a new one fails at once, saying to
 * follow the notification with {@code status(id)}. Dependent stages without an executor run on
 * the client's threads.
 */
final class Completions {
  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);
  static final int SWEEP_BATCH = 512;

  /** One notification being waited for. */
  private static final class Watch {
    volatile @Nullable CompletableFuture<NotificationStatus> future;
    final AtomicInteger held = new AtomicInteger();
    /** Deliveries this instance still expects to finish, or -1 when unknown (look each time). */
    final AtomicInteger outstanding = new AtomicInteger(-1);
  }

  private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
  private final AtomicInteger futures = new AtomicInteger();
  private final NotificationLog log;
  private final Backlog backlog;
  private final int max;
  private @Nullable Iterator<String> sweeping;

  Completions(NotificationLog log, Backlog backlog, int max) {
    this.log = log;
    this.backlog = backlog;
    this.max = max;
  }

  /**
   * {@return the future of a notification's final status, shared by every caller asking about the
   * same id}
   */
  CompletableFuture<NotificationStatus> track(String notificationId) {
    Watch w = watches.computeIfAbsent(notificationId, id -> new Watch());
    synchronized (w) {
      CompletableFuture<NotificationStatus> f = w.future;
      if (f != null) {
        return f;
      }
      if (futures.get() >= max) {
        return CompletableFuture.failedFuture(new IllegalStateException("more than " + max
            + " receipts are pending; follow notification " + notificationId
            + " with status(id)"));
      }
      f = new CompletableFuture<>();
      w.future = f;
      futures.incrementAndGet();
      // Ended meanwhile (a check removed the watch before the future was set): look again.
      if (watches.get(notificationId) != w) {
        watches.putIfAbsent(notificationId, w);
      }
      return f;
    }
  }

  /**
   * The notification was stored with {@code deliveries} deliveries to addresses (none to resolve):
   * {@link #finished} looks in the log only when the last of them has finished here, not after
   * each one (a notification to many addresses would otherwise cost a look-up of all its
   * deliveries per delivery).
   */
  void expect(String notificationId, int deliveries) {
    watches.computeIfAbsent(notificationId, id -> new Watch()).outstanding
        .compareAndSet(-1, deliveries);
  }

  /** After {@link Engine#replay}: the count is unknown again, so every finish looks. */
  void countUnknown(String notificationId) {
    Watch w = watches.get(notificationId);
    if (w != null) {
      w.outstanding.set(-1);
    }
  }

  /**
   * One of the notification's deliveries finished on this instance: looks in the log when it may
   * have been the last (what other instances finish, the sweep finds).
   */
  void finished(String notificationId) {
    Watch w = watches.get(notificationId);
    if (w == null) {
      return;
    }
    if (w.outstanding.get() < 0 || w.outstanding.decrementAndGet() <= 0) {
      check(notificationId);
    }
  }

  /**
   * The notification holds {@code n} of the backlog's permits until it finishes. Called before
   * it is stored, so that no finish can be missed; {@link #unhold} gives them back when it was
   * not stored after all.
   */
  void hold(String notificationId, int n) {
    watches.computeIfAbsent(notificationId, id -> new Watch()).held.addAndGet(n);
  }

  /** Gives back permits held for a notification that was not stored (duplicate, failure). */
  void unhold(String notificationId, int n) {
    Watch w = watches.get(notificationId);
    if (w != null && take(w, n) > 0) {
      backlog.release(n);
    }
    if (w != null && w.future == null && w.held.get() == 0) {
      watches.remove(notificationId, w);
    }
  }

  /**
   * Ends the watch if the notification is now final: completes its future and gives back its
   * backlog permits. A broadcast is final once its fan-out has ended and every member has
   * finished (see {@link #checkMember}). A log that fails here is asked again by the next sweep.
   */
  void check(String notificationId) {
    if (!watches.containsKey(notificationId)) {
      return;
    }
    NotificationStatus status;
    try {
      Optional<NotificationRecord> r = log.find(notificationId);
      status = r.map(found -> Statuses.of(found, log)).orElse(null);
    } catch (RuntimeException e) {
      LOG.debug("looking up {} for its receipt failed; the next sweep looks again: {}",
          notificationId, e.toString());
      return;
    }
    if (status != null && !status.isFinal()) {
      return;
    }
    Watch w = watches.remove(notificationId);
    if (w == null) {
      return;
    }
    backlog.release(take(w, Integer.MAX_VALUE));
    CompletableFuture<NotificationStatus> f;
    synchronized (w) {
      f = w.future;
      w.future = null;
    }
    if (f == null) {
      return;
    }
    futures.decrementAndGet();
    if (status != null) {
      f.complete(status);
    } else {
      f.completeExceptionally(new IllegalStateException(
          "notification " + notificationId + " is no longer in the log (purged or evicted)"));
    }
  }

  private static int take(Watch w, int atMost) {
    while (true) {
      int now = w.held.get();
      int taken = Math.min(now, atMost);
      if (w.held.compareAndSet(now, now - taken)) {
        return taken;
      }
    }
  }

  /**
   * A member of a broadcast changed: its broadcast may have finished with it.
   *
   * @param parentId the broadcast's id, or null for a notification that is no member
   */
  void checkMember(@Nullable String parentId) {
    if (parentId != null) {
      check(parentId);
    }
  }

  /**
   * Looks at a batch of watched notifications: another instance may have finished them, or a
   * look-up failed. Runs on the claimer's thread only.
   */
  void sweep() {
    Iterator<String> it = sweeping;
    if (it == null || !it.hasNext()) {
      it = watches.keySet().iterator();
    }
    List<String> batch = new ArrayList<>(SWEEP_BATCH);
    while (batch.size() < SWEEP_BATCH && it.hasNext()) {
      batch.add(it.next());
    }
    sweeping = it;
    batch.forEach(this::check);
  }

  /** On shutdown: the rest completes in a later process, not this one. */
  void abandon() {
    watches.forEach((id, w) -> {
      CompletableFuture<NotificationStatus> f = w.future;
      if (f != null) {
        f.completeExceptionally(new IllegalStateException("the client shut down before"
            + " notification " + id + " finished; follow it with status(id)"));
      }
    });
    watches.clear();
    futures.set(0);
  }
}
