package dev.notify.status;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * The members of a group broadcast, each one notification of its own ({@code status(memberId)}),
 * counted by where they stand.
 *
 * @param total the members the broadcast has fanned out to so far
 * @param byState how many members are in each state; states without members are left out
 */
public record GroupMembers(long total, Map<NotificationState, Long> byState) {

  /** No members (yet). */
  public static final GroupMembers NONE = new GroupMembers(0, Map.of());

  /**
   * Copies the map and checks that the counts add up.
   *
   * @param total the members the broadcast has fanned out to so far
   * @param byState how many members are in each state
   */
  public GroupMembers {
    requireNonNull(byState, "byState");
    Map<NotificationState, Long> copy = new EnumMap<>(NotificationState.class);
    byState.forEach((state, n) -> {
      if (n > 0) {
        copy.put(state, n);
      }
    });
    long sum = copy.values().stream().mapToLong(Long::longValue).sum();
    if (sum != total) {
      throw new IllegalArgumentException("member counts " + copy + " add up to " + sum
          + ", not " + total);
    }
    byState = Map.copyOf(copy);
  }

  /**
   * {@return how many members are in that state}
   *
   * @param state a state
   */
  public long count(NotificationState state) {
    return byState.getOrDefault(state, 0L);
  }

  /** {@return how many members are not finished yet} */
  public long pending() {
    return count(NotificationState.PENDING);
  }
}
