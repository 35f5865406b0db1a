/**
 * What a channel author implements and receives: a {@link Channel} (and a
 * {@link ChannelProvider} to create it from properties) is given each {@link Delivery} with its
 * {@link OutboundMessage}, and a {@link ChannelContext} with the lane's executor, the
 * {@link Scheduler} and a {@link ReceiptSink}; it answers with a {@link DeliveryResult} and masks
 * personal data with {@link Redaction}. Logs and stores have their own SPIs in
 * {@code dev.notify.spi.log} and {@code dev.notify.spi.store}.
 */
@NullMarked
package dev.notify.spi;

import org.jspecify.annotations.NullMarked;
