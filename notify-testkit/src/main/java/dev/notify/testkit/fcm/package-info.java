/**
 * A local FCM HTTP v1 endpoint for tests of code that sends through Firebase Cloud Messaging:
 * {@link dev.notify.testkit.fcm.FcmPeer}, a {@link dev.notify.testkit.HttpProviderPeer} that
 * answers {@code POST /v1/projects/{id}/messages:send} as FCM does (the message name on success,
 * error bodies with {@code google.firebase.fcm.v1.FcmError} details and {@code Retry-After}),
 * scripted per registration token with {@link dev.notify.testkit.fcm.FcmAnswer}, and records
 * each request with its JSON body parsed ({@link dev.notify.testkit.fcm.ReceivedFcmRequest}).
 * Needs nothing but the JDK and Jackson (which notify-core brings); pointing firebase-admin at it
 * is notify-fcm's {@code dev.notify.fcm.testing.FcmPeerConnection}, so the testkit does not
 * depend on firebase-admin.
 */
@NullMarked
package dev.notify.testkit.fcm;

import org.jspecify.annotations.NullMarked;
