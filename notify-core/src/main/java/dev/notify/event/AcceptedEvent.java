package dev.notify.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * {@code send} stored a notification ({@link EventType#ACCEPTED}); its deliveries follow as
 * {@link DeliveryEvent}s. A group broadcast's members are accepted one by one as it fans out.
 *
 * @param at when, by the client's clock
 * @param notificationId the notification's id
 */
public record AcceptedEvent(Instant at, String notificationId) implements NotificationEvent {

  /**
   * Rejects nulls.
   *
   * @param at when, by the client's clock
   * @param notificationId the notification's id
   */
  public AcceptedEvent {
    requireNonNull(at, "at");
    requireNonNull(notificationId, "notificationId");
  }

  /** {@return {@link EventType#ACCEPTED}} */
  @Override
  public EventType type() {
    return EventType.ACCEPTED;
  }
}
