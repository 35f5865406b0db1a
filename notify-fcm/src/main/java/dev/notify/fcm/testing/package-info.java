/**
 * Pointing {@link dev.notify.fcm.FcmChannel} (or plain firebase-admin) at a local FCM peer such
 * as notify-testkit's {@code dev.notify.testkit.fcm.FcmPeer}:
 * {@link dev.notify.fcm.testing.FcmPeerConnection}. For tests and demos only. It lives here, not
 * in notify-testkit, so that the testkit does not depend on firebase-admin and its Google
 * libraries for every user who tests other channels.
 */
@NullMarked
package dev.notify.fcm.testing;

import org.jspecify.annotations.NullMarked;
