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
 * The futures handed out in receipts, completed with the final status once every delivery of the
 * notification is terminal. Driven from the log, so a future completes whichever instance
 * finished the work: this instance looks as soon as it finishes a delivery itself, and a sweep on
 * every claim poll looks at the rest ({@value #SWEEP_BATCH} per poll, oldest first in turn).
 * Bounded: beyond {@code max} futures pending at once, a new one completes at once, exceptionally,
 * saying to follow the notification with {@code status(id)}. Dependent stages without an executor
 * run on the client's threads.
 */
final class Completions {
  private static final Logger LOG = LoggerFactory.getLogger(Completions.class);
  static final int SWEEP_BATCH = 512;

  private final ConcurrentHashMap<String, CompletableFuture<NotificationStatus>> futures =
      new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final NotificationLog log;
  private final int max;
  private @Nullable Iterator<String> sweeping;

  Completions(NotificationLog log, int max) {
    this.log = log;
    this.max = max;
  }

  /**
   * {@return the future of a notification's final status, shared by every caller asking about the
   * same id}
   */
  CompletableFuture<NotificationStatus> track(String notificationId) {
    CompletableFuture<NotificationStatus> existing = futures.get(notificationId);
    if (existing != null) {
      return existing;
    }
    if (size.get() >= max) {
      return CompletableFuture.failedFuture(new IllegalStateException("more than " + max
          + " receipts are pending; follow notification " + notificationId + " with status(id)"));
    }
    CompletableFuture<NotificationStatus> mine = new CompletableFuture<>();
    CompletableFuture<NotificationStatus> raced = futures.putIfAbsent(notificationId, mine);
    if (raced != null) {
      return raced;
    }
    size.incrementAndGet();
    return mine;
  }

  /**
   * Completes the future if the notification is now final; a broadcast is final once its fan-out
   * has ended and every member has finished (see {@link #checkMember}). A log that fails here is
   * asked again by the next sweep.
   */
  void check(String notificationId) {
    if (!futures.containsKey(notificationId)) {
      return;
    }
    Optional<NotificationRecord> r;
    NotificationStatus status;
    try {
      r = log.find(notificationId);
      status = r.map(found -> Statuses.of(found, log)).orElse(null);
    } catch (RuntimeException e) {
      LOG.debug("looking up {} for its receipt failed; the next sweep looks again: {}",
          notificationId, e.toString());
      return;
    }
    if (status == null || status.isFinal()) {
      CompletableFuture<NotificationStatus> f = futures.remove(notificationId);
      if (f == null) {
        return;
      }
      size.decrementAndGet();
      if (status != null) {
        f.complete(status);
      } else {
        f.completeExceptionally(new IllegalStateException(
            "notification " + notificationId + " is no longer in the log (purged or evicted)"));
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
   * Looks at a batch of pending futures: their notifications may have been finished by another
   * instance, or a look-up failed. Runs on the claimer's thread only.
   */
  void sweep() {
    Iterator<String> it = sweeping;
    if (it == null || !it.hasNext()) {
      it = futures.keySet().iterator();
    }
    List<String> batch = new ArrayList<>(Math.min(SWEEP_BATCH, size.get()));
    while (batch.size() < SWEEP_BATCH && it.hasNext()) {
      batch.add(it.next());
    }
    sweeping = it;
    batch.forEach(this::check);
  }

  /** @return how many futures are pending */
  int pending() {
    return size.get();
  }

  /** On shutdown: the rest completes in a later process, not this one. */
  void abandon() {
    futures.forEach((id, f) -> f.completeExceptionally(new IllegalStateException(
        "the client shut down before notification " + id + " finished; follow it with status(id)")));
    futures.clear();
    size.set(0);
  }
}
