/**
 * A local APNs peer for tests: {@link dev.notify.testkit.apns.MockApnsPeer} around pushy's
 * {@code MockApnsServer}. Needs pushy on the class path (an optional dependency of the testkit).
 */
package dev.notify.testkit.apns;
