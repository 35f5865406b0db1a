package dev.notify.status;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a notification and each of its deliveries.
 *
 * @param id the notification id
 * @param acceptedAt when {@code send} stored it
 * @param deliveries one entry per channel × address
 */
public record NotificationStatus(String id, Instant acceptedAt, List<DeliveryStatus> deliveries) {

  /**
   * Copies the list.
   *
   * @param id the notification id
   * @param acceptedAt when {@code send} stored it
   * @param deliveries one entry per channel × address
   */
  public NotificationStatus {
    deliveries = List.copyOf(deliveries);
  }

  /** {@return true when every delivery is in a terminal state} */
  public boolean isFinal() {
    return deliveries.stream().allMatch(d -> d.state().isTerminal());
  }

  /** {@return true when every delivery was SENT} */
  public boolean isSent() {
    return !deliveries.isEmpty()
        && deliveries.stream().allMatch(d -> d.state() == DeliveryState.SENT);
  }

  /**
   * {@return the number of deliveries in that state}
   *
   * @param state a state
   */
  public long count(DeliveryState state) {
    return deliveries.stream().filter(d -> d.state() == state).count();
  }
}
