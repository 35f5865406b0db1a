/**
 * The policies a client is configured with, small immutable values with defaults: how
 * failures are retried ({@link RetryPolicy}), what {@code send} does when memory is full
 * ({@link Backpressure}), how large a channel's lane is ({@link LaneOptions}), rate limits
 * ({@link RateLimit}, per recipient in {@link RateLimits} with an {@link OverLimitAction}), and how
 * preferences apply ({@link PreferencePolicy}); and one user's {@link Preferences}: its
 * {@link OptOut}s and {@link QuietHours}.
 */
@NullMarked
package dev.notify.policy;

import org.jspecify.annotations.NullMarked;
