package dev.notify.sms.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.notify.policy.RateLimit;
import dev.notify.spi.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rate limits on destinations, against SMS pumping (toll fraud, OWASP API4:2023): a token bucket
 * per country, one per configured number prefix, and one per number range (the first digits of
 * the E.164 number), each checked before a message goes to Twilio. A message takes a token from
 * every bucket that applies, or from none. Time is the channel context's clock.
 */
public final class PumpingGuard {
  /**
   * Buckets kept at most; beyond it Caffeine evicts the least useful, so only more than this
   * many destinations active at once can let one through early (as the client's own
   * per-recipient buckets do).
   */
  private static final int MAX_BUCKETS = 100_000;

  private final Map<String, RateLimit> countries;
  private final List<Map.Entry<String, RateLimit>> prefixes;
  private final int rangeDigits;
  private final @Nullable RateLimit rangeLimit;
  private final Map<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(MAX_BUCKETS).executor(Runnable::run)
          .<String, Bucket>build().asMap();

  /**
   * Creates the guard.
   *
   * @param countries a limit per ISO region code
   * @param prefixes a limit per E.164 prefix ({@code +4477009}), counted for the prefix as a whole
   * @param rangeDigits how many leading digits make a number range, or 0 for no range limit
   * @param rangeLimit the limit of each range, or {@code null}
   */
  public PumpingGuard(Map<String, RateLimit> countries, Map<String, RateLimit> prefixes,
      int rangeDigits, @Nullable RateLimit rangeLimit) {
    this.countries = Map.copyOf(countries);
    this.prefixes = prefixes.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, RateLimit> e) -> -e.getKey().length()))
        .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    this.rangeDigits = rangeDigits;
    this.rangeLimit = rangeLimit;
  }

  /** {@return true if no limit is configured} */
  public boolean isEmpty() {
    return countries.isEmpty() && prefixes.isEmpty() && rangeLimit == null;
  }

  /**
   * Takes a token for a message to {@code e164} from every bucket that applies.
   *
   * @param e164 the destination
   * @param region its region
   * @param now the clock's time
   * @return null if the message may go, else the limit it exceeds (the number masked)
   */
  public synchronized @Nullable String tryAcquire(String e164, String region, Instant now) {
    List<Bucket> applying = new ArrayList<>(3);
    RateLimit country = countries.get(region);
    if (country != null && !available("country:" + region, country, now, applying)) {
      return "the SMS pumping limit for country " + region + " (" + country + ") is used up";
    }
    for (Map.Entry<String, RateLimit> e : prefixes) {
      if (e164.startsWith(e.getKey())) {
        if (!available("prefix:" + e.getKey(), e.getValue(), now, applying)) {
          return "the SMS pumping limit for prefix " + e.getKey() + " (" + e.getValue()
              + ") is used up";
        }
        break; // the longest matching prefix only
      }
    }
    if (rangeLimit != null && e164.length() > rangeDigits + 1
        && !available("range:" + e164.substring(0, rangeDigits + 1), rangeLimit, now, applying)) {
      return "the SMS pumping limit for the number range of " + Redaction.mask(e164) + " ("
          + rangeLimit + " per " + rangeDigits + "-digit range) is used up";
    }
    applying.forEach(Bucket::take); // every bucket had a token: take one from each, or none
    return null;
  }

  /** Refills the bucket of {@code key} and, if it has a token, adds it to {@code applying}. */
  private boolean available(String key, RateLimit limit, Instant now, List<Bucket> applying) {
    Bucket b = bucket(key, limit);
    if (!b.available(now)) {
      return false;
    }
    applying.add(b);
    return true;
  }

  private Bucket bucket(String key, RateLimit limit) {
    return buckets.computeIfAbsent(key, k -> new Bucket(limit));
  }

  /** A token bucket: {@code burst} tokens, refilled at {@code permits} per {@code period}. */
  private static final class Bucket {
    private final RateLimit limit;
    private final double perNano;
    private double tokens;
    private @Nullable Instant last;

    Bucket(RateLimit limit) {
      this.limit = limit;
      this.perNano = (double) limit.permits() / limit.period().toNanos();
      this.tokens = limit.burst();
    }

    boolean available(Instant now) {
      if (last != null && now.isAfter(last)) {
        double nanos = Duration.between(last, now).toNanos();
        tokens = Math.min(limit.burst(), tokens + nanos * perNano);
      }
      if (last == null || now.isAfter(last)) {
        last = now;
      }
      return tokens >= 1;
    }

    void take() {
      tokens -= 1;
    }
  }
}
