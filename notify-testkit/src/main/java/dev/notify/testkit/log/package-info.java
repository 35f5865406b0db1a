/**
 * The parts of {@code dev.notify.testkit.NotificationLogCompatibilityKit}: one abstract suite per
 * area of the {@link dev.notify.spi.log.NotificationLog} contract, and the {@link
 * dev.notify.testkit.log.LogFixtures} they are written with. An implementation extends the kit,
 * which runs every part as a nested suite; its own tests can use the fixtures.
 */
package dev.notify.testkit.log;
