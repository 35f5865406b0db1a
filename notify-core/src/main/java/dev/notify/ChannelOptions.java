package dev.notify;

/**
 * Typed, per-channel options that travel with a notification: {@code ApnsOptions} in notify-apns,
 * {@code EmailOptions} in notify-email, or a custom channel's own. A notification holds at most one
 * options object per class; a channel reads its own with
 * {@link dev.notify.spi.OutboundMessage#options(Class)} and ignores the others.
 *
 * <p>Implementations must be records (or enums) of plain values: options take part in the
 * idempotency hash, component by component, so the same id sent again with other options is an
 * {@link IdempotencyConflictException}; any other type is refused at {@code send}. They play no
 * part in routing.
 */
public interface ChannelOptions {
}
