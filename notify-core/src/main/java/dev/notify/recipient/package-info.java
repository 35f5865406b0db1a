/**
 * What a recipient directory knows about a user, for application code that fills a
 * directory and for directory implementers: the {@link UserProfile}, with its {@link Contact}s
 * (addresses and when they were registered), locale, time zone and default channel types.
 */
@NullMarked
package dev.notify.recipient;

import org.jspecify.annotations.NullMarked;
