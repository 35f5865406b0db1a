package dev.notify.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a group's members, from {@link RecipientDirectory#groupPage}.
 *
 * @param userIds the members on this page, never null
 * @param nextCursor the cursor of the next page, or {@code null} on the last page; opaque to the
 *     caller
 */
public record GroupPage(List<String> userIds, @Nullable String nextCursor) {
  /**
   * Copies the ids; rejects nulls.
   *
   * @param userIds the members on this page, never null
   * @param nextCursor the cursor of the next page, or {@code null} on the last page; opaque to the
   *     caller
   */
  public GroupPage {
    userIds = List.copyOf(requireNonNull(userIds, "userIds"));
  }

  /**
   * {@return the last page holding these ids}
   *
   * @param userIds the members on this page, never null
   */
  public static GroupPage last(List<String> userIds) {
    return new GroupPage(userIds, null);
  }

  @Override
  public String toString() {
    return "GroupPage[" + userIds.size() + " members" + (nextCursor != null ? ", more" : "") + "]";
  }
}
