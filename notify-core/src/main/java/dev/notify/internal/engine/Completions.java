package dev.notify.internal.engine;

import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.NotificationStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Completes the future if the notification is now final. */
  void check(String notificationId) {
    if (!futures.containsKey(notificationId)) {
      return;
    }
    Optional<NotificationRecord> r = log.find(notificationId);
    if (r.isEmpty() || r.get().isFinal()) {
      CompletableFuture<NotificationStatus> f = futures.remove(notificationId);
      if (f != null && r.isPresent()) {
        f.complete(Statuses.of(r.get()));
      } else if (f != null) {
        f.completeExceptionally(new IllegalStateException(
            "notification " + notificationId + " is no longer in the log"));
      }
    }
  }

  /** On shutdown: the rest completes in a later process, not this one. */
  void abandon() {
    futures.forEach((id, f) -> f.completeExceptionally(new IllegalStateException(
        "the client shut down before notification " + id + " finished; follow it with status(id)")));
    futures.clear();
  }
}
