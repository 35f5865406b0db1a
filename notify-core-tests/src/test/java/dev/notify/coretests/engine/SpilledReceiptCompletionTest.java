package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.policy.Backpressure;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.RecordingChannel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reproduces an engine race found while building the channel compatibility kit (it also makes
 * {@code BackpressureTest.spillKeepsEverythingWhenTenTimesTheCapacityIsSent} fail now and then
 * with "notification spill-N did not finish"). A spilled notification is appended to the log
 * unclaimed and only then does {@code Acceptor.append} register its completion future
 * ({@code completions.track}); a claim pass that takes, sends and finishes it in between finds no
 * future in {@code Completions.check} and returns, and the future registered afterwards never
 * completes although the delivery is SENT. The log below widens that window.
 *
 * <p>Fixed by checking the record once more after registering the future; this test keeps it
 * fixed.
 */
class SpilledReceiptCompletionTest {
  @Test
  void aSpilledNotificationSentBeforeSendReturnsStillCompletesItsReceipt() throws Exception {
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build().hold();
    InMemoryNotificationLog real = InMemoryNotificationLog.create();
    NotificationLog log = (NotificationLog) Proxy.newProxyInstance(
        NotificationLog.class.getClassLoader(), new Class<?>[] {NotificationLog.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("append")
              && ((NotificationRecord) args[0]).id().equals("spilled")) {
            // Widen the window between the append and the end of send(): the first send
            // finishes, memory frees, and the next poll claims and sends the spilled one.
            channel.release();
            Fixtures.await("the spilled notification is sent before send() returns", () ->
                real.find("spilled").orElseThrow().deliveries().get(0).state()
                    == DeliveryState.SENT);
          }
          return result;
        });
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .capacity(1).backpressure(Backpressure.spill()).build()) {
      client.send(email("first", "a@example.com"));
      channel.awaitSends(1, Duration.ofSeconds(5));
      SendReceipt spilled = client.send(email("spilled", "b@example.com"));
      assertThat(client.status("spilled").orElseThrow().isSent()).isTrue();
      assertThat(spilled.completion()).succeedsWithin(Duration.ofSeconds(5));
    }
  }
}
