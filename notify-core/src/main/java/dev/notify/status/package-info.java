/**
 * Status and statistics values the client returns, immutable: a {@link NotificationStatus}
 * with its overall {@link NotificationState}, one {@link DeliveryStatus} per delivery with its
 * {@link DeliveryState}, {@link Attempt}s (each with its {@link Outcome}) and provider
 * {@link Receipt}s, and for a group broadcast its {@link GroupMembers}; and the {@link ClientStats}
 * snapshot of queues, lanes (with their {@link CircuitState}) and latency.
 */
@NullMarked
package dev.notify.status;

import org.jspecify.annotations.NullMarked;
