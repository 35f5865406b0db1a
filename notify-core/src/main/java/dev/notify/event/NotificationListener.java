package dev.notify.event;

/**
 * Receives every state change of every notification. Called on the client's worker threads (the
 * caller's thread for ACCEPTED), never on a provider's I/O thread. Must be fast and must not block;
 * exceptions are caught and logged and never affect delivery.
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
