package dev.notify;

import dev.notify.status.NotificationStatus;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code send} returns once the notification is stored.
 *
 * @param id the notification id
 * @param duplicate true if this id was already accepted with the same payload; nothing new was
 *     stored or sent
 * @param completion completes with the final status when every delivery has reached a terminal
 *     state, while this process runs. For a duplicate of work that this process does not track (it
 *     was accepted by another instance or before a restart) it completes at once with the current
 *     status, which may not be final; use {@code status(id)} to follow it.
 */
public record SendReceipt(String id, boolean duplicate,
    CompletableFuture<NotificationStatus> completion) {
}
