/** Implementation of the FCM channel. Not API: nothing outside notify-fcm may use it. */
@NullMarked
package dev.notify.fcm.internal;

import org.jspecify.annotations.NullMarked;
