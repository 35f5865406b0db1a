/** Implementation of the email channel. Not API: nothing outside notify-email may use it. */
@NullMarked
package dev.notify.email.internal;

import org.jspecify.annotations.NullMarked;
