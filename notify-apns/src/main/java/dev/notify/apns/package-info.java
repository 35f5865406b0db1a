/**
 * APNs push for notify: {@link dev.notify.apns.ApnsChannel} (configured through its builder),
 * the per-notification {@link dev.notify.apns.ApnsOptions} and
 * {@link dev.notify.apns.ApnsPushType}, and the codec that stores those options in a durable log
 * ({@link dev.notify.apns.ApnsOptionsCodecProvider}). Everything in
 * {@code dev.notify.apns.internal} is implementation and may change at any time.
 */
package dev.notify.apns;
