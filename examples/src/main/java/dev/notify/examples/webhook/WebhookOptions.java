package dev.notify.examples.webhook;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;

/**
 * Typed options of the web-hook channel, carried on a notification with
 * {@code Notification.builder().options(new WebhookOptions("order.shipped"))}: how a custom
 * channel defines options of its own instead of string maps.
 *
 * @param event the event name the receiver dispatches on, sent as the body's {@code event}
 */
public record WebhookOptions(String event) implements ChannelOptions {
  /** Rejects a null event. */
  public WebhookOptions {
    requireNonNull(event, "event");
  }
}
