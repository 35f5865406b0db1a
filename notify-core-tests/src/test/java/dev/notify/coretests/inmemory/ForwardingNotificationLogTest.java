package dev.notify.coretests.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.NotificationLogCompatibilityKit;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link ForwardingNotificationLog} passes the whole log contract through to its
 * delegate: a forwarder that dropped or mixed up a call would fail the kit.
 */
class ForwardingNotificationLogTest extends NotificationLogCompatibilityKit {

  @Override
  protected NotificationLog createLog(Clock clock) {
    return new ForwardingNotificationLog(InMemoryNotificationLog.builder().clock(clock).build());
  }

  @Override
  protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
    return Optional.of(new ForwardingNotificationLog(InMemoryNotificationLog.builder()
        .clock(clock).maxNotifications(maxNotifications).build()));
  }

  @Test
  void toStringNamesTheDelegate() {
    assertThat(new ForwardingNotificationLog(InMemoryNotificationLog.create()))
        .hasToString("ForwardingNotificationLog[InMemoryNotificationLog[size=0,"
            + " maxNotifications=100000]]");
  }
}
