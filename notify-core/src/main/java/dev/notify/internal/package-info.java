/**
 * The engine behind {@link dev.notify.NotificationClient}. Not API: nothing outside
 * notify-core may import this package or its sub-packages, and they change without notice. This
 * package holds what several parts share, {@link ClockTicker} (cache time from the client's clock);
 * the parts are in {@code engine} (the client, acceptance, dispatch, lanes, claims and outcomes),
 * {@code preference}, {@code queue}, {@code ratelimit}, {@code recipient} and {@code template}.
 */
@NullMarked
package dev.notify.internal;

import org.jspecify.annotations.NullMarked;
