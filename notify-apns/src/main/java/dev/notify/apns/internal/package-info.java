/** Implementation of the APNs channel. Not API: nothing outside notify-apns may use it. */
package dev.notify.apns.internal;
