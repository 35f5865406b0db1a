package dev.notify;

/**
 * Typed, per-channel options that travel with a notification: {@code ApnsOptions} in notify-apns,
 * {@code EmailOptions} in notify-email, or a custom channel's own. A notification holds at most one
 * options object per class; a channel reads its own with
 * {@link dev.notify.spi.OutboundMessage#options(Class)} and ignores the others.
 *
 * <p>Implementations should be immutable values (records are ideal) with a meaningful
 * {@code equals}: options take part in neither the idempotency hash nor routing.
 */
public interface ChannelOptions {
}
