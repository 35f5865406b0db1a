package dev.notify.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a notification: its overall state, each of its deliveries and, for a group
 * broadcast, its members.
 *
 * <p>A broadcast's own delivery is the fan-out (its reason says to how many members); each member
 * is a notification of its own, counted in {@link #members()}, and the broadcast is final only
 * when the fan-out has ended and every member has finished.
 *
 * @param id the notification id
 * @param acceptedAt when {@code send} stored it
 * @param deliveries one entry per channel × address (for a broadcast, its fan-out)
 * @param members for a group broadcast, its members by state; {@code null} otherwise
 */
public record NotificationStatus(String id, Instant acceptedAt, List<DeliveryStatus> deliveries,
    @Nullable GroupMembers members) {

  /**
   * Rejects nulls (but for {@code members}) and copies the list.
   *
   * @param id the notification id
   * @param acceptedAt when {@code send} stored it
   * @param deliveries one entry per channel × address
   * @param members for a group broadcast, its members by state; {@code null} otherwise
   */
  public NotificationStatus {
    requireNonNull(id, "id");
    requireNonNull(acceptedAt, "acceptedAt");
    deliveries = List.copyOf(deliveries);
  }

  /**
   * The status of a notification that is not a broadcast: its state summarises its deliveries.
   *
   * @param id the notification id
   * @param acceptedAt when {@code send} stored it
   * @param deliveries one entry per channel × address
   */
  public NotificationStatus(String id, Instant acceptedAt, List<DeliveryStatus> deliveries) {
    this(id, acceptedAt, deliveries, null);
  }

  /**
   * The overall state: the deliveries' summary; for a broadcast, PENDING while it fans out or
   * any member is unfinished, then the summary of its members' states.
   *
   * @param deliveries the notification's deliveries
   * @param members for a broadcast its members, else null
   * @return the state
   */
  private static NotificationState stateOf(List<DeliveryStatus> deliveries,
      @Nullable GroupMembers members) {
    List<DeliveryState> own = new ArrayList<>(deliveries.size());
    deliveries.forEach(d -> own.add(d.state()));
    NotificationState mine = NotificationState.of(own);
    if (members == null || mine == NotificationState.PENDING) {
      return mine;
    }
    if (members.pending() > 0) {
      return NotificationState.PENDING;
    }
    if (members.total() == 0) {
      return mine == NotificationState.SENT ? NotificationState.FAILED : mine;
    }
    if (members.count(NotificationState.SENT) == members.total()) {
      return NotificationState.SENT;
    }
    if (members.count(NotificationState.SENT) + members.count(NotificationState.PARTIALLY_SENT)
        > 0) {
      return NotificationState.PARTIALLY_SENT;
    }
    for (NotificationState s : List.of(NotificationState.FAILED, NotificationState.SUPPRESSED,
        NotificationState.EXPIRED)) {
      if (members.count(s) > 0) {
        return s;
      }
    }
    return NotificationState.CANCELLED;
  }

  /**
   * {@return where the notification as a whole stands, from its deliveries and, for a broadcast,
   * its members}
   */
  public NotificationState state() {
    return stateOf(deliveries, members);
  }

  /** {@return true when it will not change again: every delivery (and member) has finished} */
  public boolean isFinal() {
    return state().isFinal();
  }

  /** {@return true when everything was sent: every delivery, or every member of a broadcast} */
  public boolean isSent() {
    return state() == NotificationState.SENT;
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
