package dev.notify.bench.scenario;

import dev.notify.NotificationClient;
import dev.notify.bench.harness.Meter;
import dev.notify.bench.harness.Round;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.event.NotificationEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * SDK rounds measured from {@code send} to the SENT event: register {@link #onEvent} as the
 * client's listener, then {@link #round} sends and waits for the SENT events. The apns and email
 * scenarios' SDK variants.
 */
final class SentRounds {
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private volatile Meter meter;

  /** The client's listener: records the latency of each SENT in the current round's meter. */
  void onEvent(NotificationEvent e) {
    if (e.type() == EventType.SENT && e instanceof DeliveryEvent d) {
      Long t0 = sentAt.remove(d.notificationId());
      Meter m = meter;
      if (t0 != null && m != null) {
        m.since(t0);
      }
      sent.incrementAndGet();
    }
  }

  /**
   * {@return the round: {@code count} notifications sent by {@code send}, which calls
   * {@link #sending} with each id just before {@code client.send}}
   */
  Round round(int count, IntConsumer send) {
    Meter m = Meter.start();
    meter = m;
    long target = sent.get() + count;
    for (int i = 0; i < count; i++) {
      send.accept(i);
    }
    Await.atLeast(sent::get, target, Duration.ofMinutes(2));
    long end = System.nanoTime();
    long done = count - Math.max(0, target - sent.get());
    return m.finish(done, count - done, end);
  }

  /** {@return the current round's start, in System.nanoTime} */
  long roundStart() {
    return meter.startNanos();
  }

  /** {@return {@code id}, marked as sent now} @param id a notification id */
  String sending(String id) {
    sentAt.put(id, System.nanoTime());
    return id;
  }
}
