package dev.notify.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tombstones of the notifications the log evicted to make room: each one's id and payload hash,
 * and when it was evicted, so that the id stays deduplicated after its record is gone. A
 * tombstone is remembered for at least {@code window} by the log's clock, unless {@code max}
 * newer ones push it out (oldest first, with a rate-limited warning, since deduplication then
 * covers less than the window). Purged notifications get no tombstone: retention is the caller's
 * choice, not the bound's.
 *
 * <p>Kept small: the id is the evicted notification's own string, the time a {@code long} of
 * epoch milliseconds, and a hash of the form {@code <prefix><64 lowercase hex digits>} (the
 * engine's {@code v2:…}) four {@code long}s with a shared prefix. Insertion order is eviction
 * order, so expired tombstones are dropped from the head: O(1) amortised per call, no scans.
 *
 * <p>Not thread-safe: guarded by the log's lock.
 */
final class Tombstones {
  /** Named after the public class, which is what users configure their logging by. */
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryNotificationLog.class);
  private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final int HEX_DIGITS = 64;
  /** Distinct hash prefixes shared between tombstones; other hashes are kept as they are. */
  private static final int MAX_PREFIXES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final int max;
  private final Duration window;
  private final long windowMillis;
  private final LinkedHashMap<String, Tombstone> byId = new LinkedHashMap<>();
  private final Map<String, String> prefixes = new HashMap<>();
  private long droppedEarly;
  private long lastWarning = Long.MIN_VALUE;

  /**
   * Creates an empty set of tombstones.
   *
   * @param max how many are kept at most, positive
   * @param window how long each is kept, not negative; zero keeps none
   */
  Tombstones(int max, Duration window) {
    this.max = max;
    this.window = window;
    this.windowMillis = saturatedMillis(window);
  }

  /** {@return the number of tombstones kept} */
  int size() {
    return byId.size();
  }

  /**
   * {@return the payload hash of the evicted notification with this id, or null when no
   * tombstone within the window holds it}
   */
  @Nullable String hashOf(String id, Instant now) {
    Tombstone t = byId.get(id);
    if (t == null) {
      return null;
    }
    if (t.evictedAt < threshold(now)) {
      byId.remove(id); // out of eviction order only when the clock went back
      return null;
    }
    return t.hash();
  }

  /**
   * Remembers an evicted notification. Its id is not kept already: a kept id answers as stored,
   * so it is never stored again while kept.
   *
   * @param id the notification's id
   * @param payloadHash its payload hash
   * @param now the log's time
   */
  void add(String id, String payloadHash, Instant now) {
    if (windowMillis == 0) {
      return;
    }
    dropExpired(now);
    if (byId.size() >= max) {
      Iterator<Tombstone> eldest = byId.values().iterator();
      eldest.next();
      eldest.remove(); // younger than the window: dropExpired left none older at the head
      droppedEarly++;
      warnIfDue(now);
    }
    byId.put(id, tombstone(payloadHash, ceilMillis(now)));
  }

  /** Drops the tombstones kept longer than the window, oldest first, stopping at a young one. */
  void dropExpired(Instant now) {
    long threshold = threshold(now);
    Iterator<Tombstone> it = byId.values().iterator();
    while (it.hasNext() && it.next().evictedAt < threshold) {
      it.remove();
    }
  }

  private void warnIfDue(Instant now) {
    long at = floorMillis(now);
    if (lastWarning != Long.MIN_VALUE && at - lastWarning < WARN_EVERY_MILLIS
        && at >= lastWarning) {
      return;
    }
    LOG.warn("the in-memory notification log forgot {} evicted notification ids sooner than"
        + " rememberEvictedIdsFor {} (since the last warning): it remembers at most"
        + " maxEvictedIds {}, so deduplication now covers less than that window and such an id"
        + " sent again is stored and sent again; raise maxNotifications or maxEvictedIds on"
        + " InMemoryNotificationLog.builder(), or use a durable log", droppedEarly, window, max);
    droppedEarly = 0;
    lastWarning = at;
  }

  private Tombstone tombstone(String hash, long evictedAt) {
    int split = hash.length() - HEX_DIGITS;
    if (split < 0 || !lowercaseHex(hash, split)) {
      return new Plain(evictedAt, hash);
    }
    String prefix = prefixes.get(hash.substring(0, split));
    if (prefix == null) {
      if (prefixes.size() >= MAX_PREFIXES) {
        return new Plain(evictedAt, hash);
      }
      prefix = hash.substring(0, split);
      prefixes.put(prefix, prefix);
    }
    return new Sha256(evictedAt, prefix, HexFormat.fromHexDigitsToLong(hash, split, split + 16),
        HexFormat.fromHexDigitsToLong(hash, split + 16, split + 32),
        HexFormat.fromHexDigitsToLong(hash, split + 32, split + 48),
        HexFormat.fromHexDigitsToLong(hash, split + 48, split + 64));
  }

  /** Only lowercase digits: what {@link HexFormat#toHexDigits(long)} gives back. */
  private static boolean lowercaseHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** {@return the earliest eviction time still within the window at {@code now}} */
  private long threshold(Instant now) {
    long at = floorMillis(now);
    return at >= Long.MIN_VALUE + windowMillis ? at - windowMillis : Long.MIN_VALUE;
  }

  /** Rounded down, so that a tombstone is never dropped before its window has passed. */
  private static long floorMillis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Rounded up, for the same reason. */
  private static long ceilMillis(Instant instant) {
    long millis = floorMillis(instant);
    return instant.getNano() % 1_000_000 != 0 && millis != Long.MAX_VALUE ? millis + 1 : millis;
  }

  private static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** One evicted notification; its id is the map's key. */
  private abstract static class Tombstone {
    /** Epoch milliseconds, rounded up. */
    final long evictedAt;

    Tombstone(long evictedAt) {
      this.evictedAt = evictedAt;
    }

    abstract String hash();
  }

  /** A hash of another form, kept as it is. */
  private static final class Plain extends Tombstone {
    private final String hash;

    Plain(long evictedAt, String hash) {
      super(evictedAt);
      this.hash = hash;
    }

    @Override
    String hash() {
      return hash;
    }
  }

  /** A prefix (shared) and 256 bits, rebuilt into the same string on a lookup. */
  private static final class Sha256 extends Tombstone {
    private final String prefix;
    private final long h0;
    private final long h1;
    private final long h2;
    private final long h3;

    Sha256(long evictedAt, String prefix, long h0, long h1, long h2, long h3) {
      super(evictedAt);
      this.prefix = prefix;
      this.h0 = h0;
      this.h1 = h1;
      this.h2 = h2;
      this.h3 = h3;
    }

    @Override
    String hash() {
      return prefix + HEX.toHexDigits(h0) + HEX.toHexDigits(h1) + HEX.toHexDigits(h2)
          + HEX.toHexDigits(h3);
    }
  }
}
