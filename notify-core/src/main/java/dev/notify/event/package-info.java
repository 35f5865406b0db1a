/**
 * The listener and the events it receives, for application code that watches deliveries
 * (metrics, audit trails, alerts on dead letters): a {@link NotificationListener} registered on the
 * client's builder is called on the client's threads for every state change of every notification,
 * delivery and channel lane, with an event that says what happened, to what and when. An event
 * has one of three shapes: {@link AcceptedEvent} (a notification was stored),
 * {@link DeliveryEvent} (a delivery changed; its {@link EventType} says how) and
 * {@link LaneEvent} (a channel's lane paused or resumed).
 */
@NullMarked
package dev.notify.event;

import org.jspecify.annotations.NullMarked;
