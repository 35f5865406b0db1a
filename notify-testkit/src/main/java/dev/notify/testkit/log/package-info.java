/**
 * The parts of {@code dev.notify.testkit.NotificationLogCompatibilityKit}: one abstract suite per
 * area of the {@link dev.notify.spi.log.NotificationLog} contract, and the {@link
 * dev.notify.testkit.log.LogFixtures} they are written with. An implementation extends the kit,
 * which runs every part as a nested suite; its own tests can use the fixtures.
 *
 * <p>Also logs for testing what uses a log: {@link dev.notify.testkit.log.ForwardingNotificationLog}
 * to watch or change single calls, and {@link dev.notify.testkit.log.FaultInjectingNotificationLog}
 * to make calls fail before or after they take effect.
 */
package dev.notify.testkit.log;
