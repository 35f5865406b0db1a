/**
 * Rate limits on Bucket4j. Not API. {@link RecipientRateLimiter} applies the
 * per-recipient limits, {@link Pacer} keeps a channel to its provider's throughput,
 * {@link LocalRateLimitStore} is the default in-memory bucket store, and {@link Buckets} translates
 * a {@link dev.notify.policy.RateLimit} to Bucket4j. A bucket store that fails lets the send
 * through, with a warning.
 */
@NullMarked
package dev.notify.internal.ratelimit;

import org.jspecify.annotations.NullMarked;
