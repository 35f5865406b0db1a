/**
 * The Bucket4j rate-limit store: {@link Bucket4jRateLimitStore} keeps rate-limit buckets
 * through a Bucket4j {@code ProxyManager}, so several instances share per-recipient limits and
 * provider pacing through PostgreSQL, Redis or another Bucket4j back end. This is the one package of
 * the API that shows Bucket4j types.
 */
@NullMarked
package dev.notify.bucket4j;

import org.jspecify.annotations.NullMarked;
