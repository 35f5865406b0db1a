package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Limits;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 11, defect 8: one notification to many addresses. Its receipt completes after one look at
 * the whole notification when its last delivery finishes, not one per delivery (which read every
 * delivery each time: quadratic, 18 s for 20,000 addresses).
 */
class ManyRecipientsTest {
  private static final int ADDRESSES = 5_000;

  @Test
  void aNotificationToManyAddressesIsLookedUpOnceWhenItsLastDeliveryFinishes() {
    AtomicInteger lookups = new AtomicInteger();
    ForwardingNotificationLog log = new ForwardingNotificationLog(
        InMemoryNotificationLog.create()) {
      @Override
      public Optional<NotificationRecord> find(String notificationId) {
        if (notificationId.equals("wide")) {
          lookups.incrementAndGet();
        }
        return super.find(notificationId);
      }
    };
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    List<Recipient> to = new ArrayList<>();
    for (int i = 0; i < ADDRESSES; i++) {
      to.add(Recipient.email("u" + i + "@example.com"));
    }
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .capacity(2 * ADDRESSES).limits(Limits.builder().maxRecipients(ADDRESSES).build())
        .build()) {
      long start = System.nanoTime();
      NotificationStatus s = finalStatus(client.send(Notification.builder().id("wide")
          .recipients(to).subject("Hello").text("Hi there").build()));
      LoggerFactory.getLogger(ManyRecipientsTest.class).info("{} addresses: final in {} ms",
          ADDRESSES, (System.nanoTime() - start) / 1_000_000);
      assertThat(s.count(DeliveryState.SENT)).isEqualTo(ADDRESSES);
      assertThat(channel.sendCount()).isEqualTo(ADDRESSES);
      // The final look (and at most a sweep's), not one per delivery.
      assertThat(lookups.get()).isLessThan(10);
    }
  }
}
