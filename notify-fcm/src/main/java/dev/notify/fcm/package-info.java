/**
 * Firebase Cloud Messaging for notify: {@link dev.notify.fcm.FcmChannel} (Android, web push and
 * iOS through FCM's HTTP v1 API with the Firebase Admin SDK, on its own named app and thread
 * manager), the per-notification {@link dev.notify.fcm.FcmOptions}, the properties provider
 * ({@link dev.notify.fcm.FcmChannelProvider}, id {@code fcm}) and the codec that stores the
 * options in a durable log ({@link dev.notify.fcm.FcmOptionsCodecProvider}). Pointing the SDK at
 * a local peer is {@code dev.notify.fcm.testing}. Everything in {@code dev.notify.fcm.internal}
 * is implementation and may change at any time.
 */
@NullMarked
package dev.notify.fcm;

import org.jspecify.annotations.NullMarked;
