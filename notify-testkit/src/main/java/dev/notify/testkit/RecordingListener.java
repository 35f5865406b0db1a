package dev.notify.testkit;

import dev.notify.event.EventType;
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

  private String summary() {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (NotificationEvent e : events()) {
      if (shown++ == 40) {
        sb.append(" …");
        break;
      }
      sb.append(' ').append(e.type()).append('(').append(e.deliveryId() != null ? e.deliveryId()
          : e.channel()).append(')');
    }
    return sb.toString();
  }
}
