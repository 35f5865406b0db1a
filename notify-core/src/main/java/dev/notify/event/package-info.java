/**
 * The listener and the events it receives, for application code that watches deliveries
 * (metrics, audit trails, alerts on dead letters): a {@link NotificationListener} registered on the
 * client's builder is called on the client's threads for every state change of every notification,
 * delivery and channel lane, with an event that says what happened, to what and when.
 */
@NullMarked
package dev.notify.event;

import org.jspecify.annotations.NullMarked;
