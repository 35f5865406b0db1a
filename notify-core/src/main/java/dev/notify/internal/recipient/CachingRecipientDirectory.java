package dev.notify.internal.recipient;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.notify.Recipient;
import dev.notify.internal.ClockTicker;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Caches {@link RecipientDirectory#findUser} for a short time so a burst of notifications to one
 * user costs one lookup. Bounded; entries expire {@code ttl} after they were loaded, by the
 * injected clock. Unknown users are not cached, so a user created a moment ago is found at once.
 * Group pages are not cached: a group is walked once per notification anyway.
 *
 * <p>{@link #invalidateAddress} passes through and drops the user's entry, so the next lookup
 * sees the address gone; {@link #invalidate} is the hook for an application that changed a user
 * behind the directory's back.
 */
public final class CachingRecipientDirectory implements RecipientDirectory {
  /** The default time an entry lives. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** The default number of users held. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  private final RecipientDirectory delegate;
  private final Cache<String, UserProfile> cache;

  /**
   * Creates a cache in front of a directory.
   *
   * @param delegate the directory to cache
   * @param clock the time source for expiry
   * @param ttl how long a loaded profile is used; positive
   * @param maximumSize how many profiles to hold; positive
   */
  public CachingRecipientDirectory(RecipientDirectory delegate, Clock clock, Duration ttl,
      long maximumSize) {
    this.delegate = requireNonNull(delegate, "delegate");
    requireNonNull(clock, "clock");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
    }
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfterWrite(ttl)
        .ticker(new ClockTicker(clock))
        .executor(Runnable::run) // maintenance is cheap; keep it off the common pool
        .build();
  }

  /**
   * A cache of {@link #DEFAULT_MAXIMUM_SIZE} users for {@link #DEFAULT_TTL}.
   *
   * @param delegate the directory to cache
   * @param clock the time source for expiry
   */
  public CachingRecipientDirectory(RecipientDirectory delegate, Clock clock) {
    this(delegate, clock, DEFAULT_TTL, DEFAULT_MAXIMUM_SIZE);
  }

  @Override
  public Optional<UserProfile> findUser(String userId) {
    requireNonNull(userId, "userId");
    return Optional.ofNullable(cache.get(userId, id -> delegate.findUser(id).orElse(null)));
  }

  @Override
  public Optional<GroupPage> groupPage(String groupId, @Nullable String cursor, int pageSize) {
    return delegate.groupPage(groupId, cursor, pageSize);
  }

  @Override
  public boolean invalidateAddress(String userId, Recipient.Address address,
      @Nullable Instant invalidatedAt) {
    try {
      return delegate.invalidateAddress(userId, address, invalidatedAt);
    } finally {
      cache.invalidate(userId);
    }
  }

  /**
   * Drops the cached profile of one user; the next lookup asks the directory.
   *
   * @param userId the user
   */
  public void invalidate(String userId) {
    cache.invalidate(requireNonNull(userId, "userId"));
  }

  /** Drops every cached profile. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "CachingRecipientDirectory[" + delegate + "]";
  }
}
