package dev.notify.spi.store;

import static java.util.Objects.requireNonNull;

import dev.notify.Recipient;
import dev.notify.recipient.UserProfile;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves user and group recipients to addresses. Without a directory, {@code send} rejects
 * {@link Recipient.User} and {@link Recipient.Group} recipients. The default,
 * {@link dev.notify.inmemory.InMemoryRecipientDirectory}, holds everything in memory; implement this over the
 * host application's user database.
 *
 * <h2>Threading</h2>
 * All methods may be called concurrently. {@link #findUser} and {@link #groupPage} run on
 * dispatcher threads at dispatch time; they may block on a database, but each call holds a
 * dispatcher, so keep them to one indexed query. The client caches {@link #findUser} for a short
 * time. {@link #invalidateAddress} runs on a channel lane's executor after a provider reported an
 * address invalid; it may block briefly.
 */
public interface RecipientDirectory {

  /**
   * {@return the user's profile, or empty if the directory does not know the user}
   *
   * @param userId the user id
   */
  Optional<UserProfile> findUser(String userId);

  /**
   * One page of a group's members. Pages are how a group of a million members is expanded without
   * holding them all in memory; a member added or removed while the group is walked may or may
   * not be seen, but no remaining member is skipped or seen twice.
   *
   * @param groupId the group id
   * @param cursor {@code null} for the first page, else {@link GroupPage#nextCursor()} of the
   *     previous page
   * @param pageSize the most ids to return; positive
   * @return the page, or empty if the directory does not know the group
   */
  Optional<GroupPage> groupPage(String groupId, @Nullable String cursor, int pageSize);

  /**
   * Walks a group lazily, fetching one page of {@code pageSize} at a time; the first page is
   * fetched now, to tell an unknown group (empty) from an empty one (an empty iterator).
   *
   * @param groupId the group id
   * @param pageSize how many ids to fetch per page; positive
   * @return the members, or empty if the directory does not know the group
   */
  default Optional<Iterator<String>> groupMembers(String groupId, int pageSize) {
    requireNonNull(groupId, "groupId");
    if (pageSize <= 0) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    return groupPage(groupId, null, pageSize)
        .map(first -> new GroupMemberIterator(this, groupId, pageSize, first));
  }

  /**
   * A provider reported an address invalid (APNs 410 Unregistered, FCM UNREGISTERED). Removes it
   * from the user only if it was registered before {@code invalidatedAt}: a token the app
   * registered again after the provider's timestamp is kept. A null timestamp removes it.
   *
   * <p>The default does nothing and returns false: a read-only directory learns about invalid
   * addresses from the {@code ADDRESS_INVALID} event instead.
   *
   * @param userId the user the address was resolved from
   * @param address the address
   * @param invalidatedAt when the provider says it stopped being valid, or {@code null}
   * @return true if the address was removed
   */
  default boolean invalidateAddress(String userId, Recipient.Address address,
      @Nullable Instant invalidatedAt) {
    return false;
  }
}
