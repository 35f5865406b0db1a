package dev.notify.inmemory;

import static java.util.Objects.requireNonNull;

import dev.notify.Recipient;
import dev.notify.recipient.Contact;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecipientDirectory} held in memory: for tests, demos, and applications with few users.
 * Thread-safe. Group pages are keyset-paginated (members in id order, the cursor is the last id of
 * a page), so walking a group while it changes never skips or repeats a remaining member.
 *
 * <pre>{@code
 * InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
 *     .put(UserProfile.builder("u-42").email("mina@example.com").build())
 *     .addToGroup("beta-testers", "u-42");
 * }</pre>
 */
public final class InMemoryRecipientDirectory implements RecipientDirectory {
  private final ConcurrentMap<String, UserProfile> users = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, NavigableSet<String>> groups = new ConcurrentHashMap<>();

  /** An empty directory. */
  public InMemoryRecipientDirectory() {
  }

  /**
   * Adds a user, replacing one with the same id.
   *
   * @param profile the user
   * @return this directory
   */
  public InMemoryRecipientDirectory put(UserProfile profile) {
    requireNonNull(profile, "profile");
    users.put(profile.userId(), profile);
    return this;
  }

  /**
   * {@return true if the user was there; the user stays a member of its groups}
   *
   * @param userId the user's id
   */
  public boolean removeUser(String userId) {
    return users.remove(requireNonNull(userId, "userId")) != null;
  }

  /**
   * Adds (or re-registers) an address of a user, creating the user when unknown.
   *
   * @param userId the user's id
   * @param address the address to add
   * @param registeredAt when the device or user registered it
   * @return this directory
   */
  public InMemoryRecipientDirectory addAddress(String userId, Recipient.Address address,
      Instant registeredAt) {
    requireNonNull(userId, "userId");
    requireNonNull(address, "address");
    requireNonNull(registeredAt, "registeredAt");
    users.compute(userId, (id, p) -> (p == null ? UserProfile.builder(id) : p.toBuilder())
        .removeContact(address).contact(address, registeredAt).build());
    return this;
  }

  /**
   * Adds members to a group, creating the group when unknown.
   *
   * @param groupId the group's id
   * @param userIds the ids of the users to add
   * @return this directory
   */
  public InMemoryRecipientDirectory addToGroup(String groupId, String... userIds) {
    return addToGroup(groupId, List.of(userIds));
  }

  /**
   * Adds members to a group, creating the group when unknown.
   *
   * @param groupId the group's id
   * @param userIds the ids of the users to add
   * @return this directory
   */
  public InMemoryRecipientDirectory addToGroup(String groupId, Collection<String> userIds) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userIds, "userIds");
    groups.computeIfAbsent(groupId, g -> new ConcurrentSkipListSet<>()).addAll(userIds);
    return this;
  }

  /**
   * {@return true if the user was a member}
   *
   * @param groupId the group's id
   * @param userId the user's id
   */
  public boolean removeFromGroup(String groupId, String userId) {
    NavigableSet<String> members = groups.get(requireNonNull(groupId, "groupId"));
    return members != null && members.remove(requireNonNull(userId, "userId"));
  }

  /**
   * {@return true if the group was there}
   *
   * @param groupId the group's id
   */
  public boolean removeGroup(String groupId) {
    return groups.remove(requireNonNull(groupId, "groupId")) != null;
  }

  @Override
  public Optional<UserProfile> findUser(String userId) {
    return Optional.ofNullable(users.get(requireNonNull(userId, "userId")));
  }

  @Override
  public Optional<GroupPage> groupPage(String groupId, @Nullable String cursor, int pageSize) {
    requireNonNull(groupId, "groupId");
    if (pageSize <= 0) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    NavigableSet<String> members = groups.get(groupId);
    if (members == null) {
      return Optional.empty();
    }
    Iterator<String> it = (cursor == null ? members : members.tailSet(cursor, false)).iterator();
    List<String> page = new ArrayList<>(Math.min(pageSize, 1024));
    while (page.size() < pageSize && it.hasNext()) {
      page.add(it.next());
    }
    String next = it.hasNext() && !page.isEmpty() ? page.get(page.size() - 1) : null;
    return Optional.of(new GroupPage(page, next));
  }

  @Override
  public boolean invalidateAddress(String userId, Recipient.Address address,
      @Nullable Instant invalidatedAt) {
    requireNonNull(userId, "userId");
    requireNonNull(address, "address");
    boolean[] removed = {false};
    users.computeIfPresent(userId, (id, p) -> {
      Optional<Contact> c = p.contact(address);
      if (c.isEmpty()
          || (invalidatedAt != null && !c.get().registeredAt().isBefore(invalidatedAt))) {
        return p; // unknown, or registered again after the provider's report: keep it
      }
      removed[0] = true;
      return p.toBuilder().removeContact(address).build();
    });
    return removed[0];
  }

  @Override
  public String toString() {
    return "InMemoryRecipientDirectory[" + users.size() + " users, " + groups.size() + " groups]";
  }
}
