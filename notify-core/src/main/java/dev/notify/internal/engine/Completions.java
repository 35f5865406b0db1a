package dev.notify.internal.engine;

import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.NotificationStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The futures handed out in receipts, completed with the final status once every delivery of the
 * notification is terminal. Dependent stages without an executor run on the client's threads.
 */
final class Completions {
  private final ConcurrentHashMap<String, CompletableFuture<NotificationStatus>> futures =
      new ConcurrentHashMap<>();
  private final NotificationLog log;

  Completions(NotificationLog log) {
    this.log = log;
  }

  CompletableFuture<NotificationStatus> track(String notificationId) {
    return futures.computeIfAbsent(notificationId, id -> new CompletableFuture<>());
  }

  Optional<CompletableFuture<NotificationStatus>> tracked(String notificationId) {
    return Optional.ofNullable(futures.get(notificationId));
  }

  /**
   * Completes the future if the notification is now final; a broadcast is final once its fan-out
   * has ended and every member has finished (see {@link #checkMember}).
   */
  void check(String notificationId) {
    if (!futures.containsKey(notificationId)) {
      return;
    }
    Optional<NotificationRecord> r = log.find(notificationId);
    NotificationStatus status = r.map(found -> Statuses.of(found, log)).orElse(null);
    if (status == null || status.isFinal()) {
      CompletableFuture<NotificationStatus> f = futures.remove(notificationId);
      if (f != null && status != null) {
        f.complete(status);
      } else if (f != null) {
        f.completeExceptionally(new IllegalStateException(
            "notification " + notificationId + " is no longer in the log"));
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

  /** On shutdown: the rest completes in a later process, not this one. */
  void abandon() {
    futures.forEach((id, f) -> f.completeExceptionally(new IllegalStateException(
        "the client shut down before notification " + id + " finished; follow it with status(id)")));
    futures.clear();
  }
}
