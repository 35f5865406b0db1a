/**
 * The cache in front of the recipient directory. Not API.
 * {@link CachingRecipientDirectory} keeps user lookups for a short time, bounded and timed by the
 * client's clock, and drops a user's entry when a provider reports one of its addresses invalid.
 */
@NullMarked
package dev.notify.internal.recipient;

import org.jspecify.annotations.NullMarked;
