package dev.notify.testkit;

import dev.notify.event.EventType;
import dev.notify.event.AcceptedEvent;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.LaneEvent;
import dev.notify.event.NotificationEvent;
import dev.notify.event.NotificationListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every event and lets a test wait for them with a deadline. Thread-safe.
 *
 * <pre>{@code
 * RecordingListener events = new RecordingListener();
 * ... .listener(events) ...
 * events.await(EventType.RETRY_SCHEDULED, 2, Duration.ofSeconds(5));
 * Instant next = events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, timeout).get(0)
 *     .nextAttemptAt();
 * }</pre>
 */
public final class RecordingListener implements NotificationListener {
  private final List<NotificationEvent> events = new ArrayList<>();

  /** Creates a listener that has recorded nothing yet. */
  public RecordingListener() {
  }

  @Override
  public void onEvent(NotificationEvent event) {
    synchronized (events) {
      events.add(event);
    }
  }

  /** {@return every event so far, in order} */
  public List<NotificationEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /**
   * {@return the events of one type so far}
   *
   * @param type the event type
   */
  public List<NotificationEvent> events(EventType type) {
    synchronized (events) {
      return events.stream().filter(e -> e.type() == type).toList();
    }
  }

  /**
   * {@return the number of events of one type so far}
   *
   * @param type the event type
   */
  public int count(EventType type) {
    return events(type).size();
  }

  /**
   * Waits until at least {@code count} events of a type have arrived.
   *
   * @param type the event type
   * @param count how many events to wait for
   * @param timeout how long to wait at most
   * @return those events
   * @throws AssertionError if they do not arrive within the timeout
   */
  public List<NotificationEvent> await(EventType type, int count, Duration timeout) {
    return Await.atMost(timeout).until(count + " " + type + " events", () -> events(type),
        matching -> matching.size() >= count,
        matching -> "got " + matching.size() + "; all events:" + summary());
  }

  /**
   * {@return the delivery events of one type so far}
   *
   * @param type a delivery event type (not ACCEPTED, LANE_PAUSED or LANE_RESUMED)
   */
  public List<DeliveryEvent> deliveryEvents(EventType type) {
    return deliveries(events(type));
  }

  /**
   * Waits until at least {@code count} delivery events of a type have arrived.
   *
   * @param type a delivery event type (not ACCEPTED, LANE_PAUSED or LANE_RESUMED)
   * @param count how many events to wait for
   * @param timeout how long to wait at most
   * @return those events
   * @throws AssertionError if they do not arrive within the timeout
   */
  public List<DeliveryEvent> awaitDeliveries(EventType type, int count, Duration timeout) {
    return deliveries(await(type, count, timeout));
  }

  private static List<DeliveryEvent> deliveries(List<NotificationEvent> events) {
    return events.stream().map(e -> {
      if (e instanceof DeliveryEvent d) {
        return d;
      }
      throw new IllegalArgumentException(e.type() + " is not a delivery event: " + e);
    }).toList();
  }

  private String summary() {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (NotificationEvent e : events()) {
      if (shown++ == 40) {
        sb.append(" …");
        break;
      }
      sb.append(' ').append(e.type()).append('(').append(subject(e)).append(')');
    }
    return sb.toString();
  }

  private static String subject(NotificationEvent e) {
    if (e instanceof DeliveryEvent d) {
      return d.deliveryId();
    }
    if (e instanceof AcceptedEvent a) {
      return a.notificationId();
    }
    return ((LaneEvent) e).channel();
  }
}
