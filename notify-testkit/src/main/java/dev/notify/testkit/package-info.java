/**
 * What tests of code that sends notifications need, and the suites every implementation passes.
 *
 * <ul>
 *   <li>Recorders and time: {@link dev.notify.testkit.RecordingChannel},
 *       {@link dev.notify.testkit.RecordingListener}, {@link dev.notify.testkit.ManualTime} (the
 *       one manual clock and scheduler), {@link dev.notify.testkit.ManualChannelContext} for
 *       calling a channel directly, and {@link dev.notify.testkit.Await}, the one wait with a
 *       deadline.</li>
 *   <li>Local provider peers: {@link dev.notify.testkit.ProviderPeer} (scripted answers per
 *       address, a record of what arrived, stop and restart on the same port),
 *       {@link dev.notify.testkit.HttpProviderPeer} for HTTP providers, and
 *       {@link dev.notify.testkit.ProviderPeerExtension} to run them in JUnit 5. The APNs peer is
 *       in {@code dev.notify.testkit.apns}, the SMTP peers (scriptable, and GreenMail) in
 *       {@code dev.notify.testkit.smtp}, the FCM HTTP v1 endpoint in
 *       {@code dev.notify.testkit.fcm}, the Twilio Messages endpoint in
 *       {@code dev.notify.testkit.twilio}.</li>
 *   <li>Compatibility suites: {@link dev.notify.testkit.ChannelCompatibilityKit} for channels
 *       (against their peer's {@link dev.notify.testkit.KitPeer}) and
 *       {@link dev.notify.testkit.NotificationLogCompatibilityKit} for logs.</li>
 * </ul>
 */
package dev.notify.testkit;
