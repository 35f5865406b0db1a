package dev.notify.examples.webhook;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.spi.codec.ChannelOptionsCodec;

/**
 * Typed options of the web-hook channel, carried on a notification with
 * {@code Notification.builder().options(new WebhookOptions("order.shipped"))}: how a custom
 * channel defines options of its own instead of string maps, and ships their codec
 * ({@link #codec()}, found through {@link WebhookOptionsCodecProvider}) so that a durable log can
 * store them.
 *
 * @param event the event name the receiver dispatches on, sent as the body's {@code event}
 */
public record WebhookOptions(String event) implements ChannelOptions {
  /** Rejects a null event. */
  public WebhookOptions {
    requireNonNull(event, "event");
  }

  /**
   * {@return the codec that stores these options with a notification, under the type id
   * {@code "webhook"}: the record written by its components}
   */
  public static ChannelOptionsCodec<WebhookOptions> codec() {
    return CodecHolder.CODEC;
  }

  /** Made on first use, so that a codec problem cannot break the options' own class. */
  private static final class CodecHolder {
    static final ChannelOptionsCodec<WebhookOptions> CODEC =
        ChannelOptionsCodec.ofRecord(WebhookOptions.class, "webhook");
  }
}
