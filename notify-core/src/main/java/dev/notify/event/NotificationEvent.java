package dev.notify.event;

import java.time.Instant;

/**
 * One state change, in one of three shapes: a notification was accepted ({@link AcceptedEvent}),
 * a delivery changed ({@link DeliveryEvent}), or a channel's lane paused or resumed
 * ({@link LaneEvent}). {@link #type()} says exactly what happened.
 *
 * <pre>{@code
 * builder.listener(event -> {
 *   if (event instanceof DeliveryEvent d && d.type() == EventType.DEAD) {
 *     alerts.deadLetter(d.notificationId(), d.channel(), d.reason());
 *   }
 * });
 * }</pre>
 */
public sealed interface NotificationEvent permits AcceptedEvent, DeliveryEvent, LaneEvent {

  /** {@return what happened} */
  EventType type();

  /** {@return when, by the client's clock} */
  Instant at();
}
