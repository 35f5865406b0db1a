package dev.notify.event;

/**
 * Receives every state change of every notification. Called on the client's threads (lanes,
 * dispatchers, the log-retry thread) and on threads inside the client's own methods ({@code send}
 * reports ACCEPTED and QUEUED; a thread whose write to the log carried other deliveries' changes
 * too reports those), never on a provider's I/O thread, the claimer's or the scheduler's. Must be
 * fast and must not block; exceptions are caught and logged and never affect delivery.
 *
 * <p>Events are instance-local: with several instances on one log, each instance reports the
 * changes it makes itself (the one that sends a delivery reports its SENT, the one that records a
 * receipt reports its RECEIPT). Receipt futures, by contrast, complete on the instance that
 * accepted the notification, whichever instance finishes it; {@code status(id)} reads the log.
 */
@FunctionalInterface
public interface NotificationListener {

  /**
   * Called for every state change.
   *
   * @param event what happened
   */
  void onEvent(NotificationEvent event);
}
