/**
 * What a host application handles to send notifications: the {@link NotificationClient}, built
 * once with its {@link NotificationClientBuilder}; the {@link Notification} it sends, with its
 * {@link Recipient}s, {@link Target}s, {@link Content}, {@link Priority} and typed
 * {@link ChannelOptions}; the {@link ChannelType} of channels and addresses; the {@link SendReceipt}
 * that {@code send} returns; and the exceptions, all rooted at {@link NotifyException}.
 *
 * <p>Around it: {@code dev.notify.event} (listeners), {@code dev.notify.status} (status and
 * statistics), {@code dev.notify.policy} (retry, backpressure, lanes, rate limits and preferences),
 * {@code dev.notify.recipient} (user profiles), {@code dev.notify.template} (templates), the stores
 * notify ships in {@code dev.notify.inmemory} and {@code dev.notify.bucket4j}, and what channel and
 * store authors implement in {@code dev.notify.spi}. {@code dev.notify.internal} is the engine and
 * not API.
 *
 * <h2>Nulls</h2>
 * Every package of notify-core is {@code @NullMarked}: a parameter, field, return value or record
 * component is never null unless it is annotated {@code @Nullable}. Values that may be absent are
 * {@code @Nullable} record components; methods that look something up return {@code Optional}, as
 * do the optional properties of classes that are not records, such as
 * {@link Notification#category()}.
 */
@NullMarked
package dev.notify;

import org.jspecify.annotations.NullMarked;
