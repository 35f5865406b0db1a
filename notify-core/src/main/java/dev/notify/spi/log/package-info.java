/**
 * What a {@link NotificationLog} implementer needs: the log's contract (claims, leases and
 * {@link Fence}s), the records it keeps ({@link NotificationRecord}, {@link DeliveryRecord}), the
 * changes it applies ({@link DeliveryUpdate}), and its answers and failures
 * ({@link AppendResult}, {@link ClaimedDelivery}, {@link LogFullException}). Not yet stable;
 * notify-testkit's {@code NotificationLogCompatibilityKit} states the contract.
 */
@NullMarked
package dev.notify.spi.log;

import org.jspecify.annotations.NullMarked;
