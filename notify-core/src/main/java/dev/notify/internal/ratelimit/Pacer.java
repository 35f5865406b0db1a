package dev.notify.internal.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.notify.policy.RateLimit;
import dev.notify.spi.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Keeps one channel under its provider's throughput limit (Twilio: 1 message a second per sender;
 * FCM: 600,000 a minute per project). Non-blocking: a lane asks before each send and, when told to
 * wait, schedules itself rather than sleeping. Thread-safe; with a shared {@link RateLimitStore}
 * every instance sending through the same account shares one pace.
 *
 * <pre>{@code
 * Duration wait = pacer.tryAcquire();
 * if (wait.isZero()) {
 *   send(next);                                   // a permit was taken
 * } else {
 *   scheduler.schedule(this::drain, wait);        // nothing taken; ask again then
 * }
 * }</pre>
 *
 * For steady pacing give the limit a small burst: {@code RateLimit.perSecond(1).withBurst(1)}.
 */
public final class Pacer {
  private final String key;
  private final RateLimit limit;
  private final FailOpen store;

  /**
   * Creates a pacer for one channel.
   *
   * @param channelName the channel (provider account) paced; channels with the same name share a
   *     pace through a shared store
   * @param limit the provider's limit
   * @param store where the bucket is kept
   * @param clock the client's clock (for the store's failure warnings)
   */
  public Pacer(String channelName, RateLimit limit, RateLimitStore store, Clock clock) {
    requireNonNull(channelName, "channelName");
    this.key = "pace:" + channelName;
    this.limit = requireNonNull(limit, "limit");
    this.store = new FailOpen(requireNonNull(store, "store"), requireNonNull(clock, "clock"));
  }

  /**
   * {@return {@link Duration#ZERO} if a permit was taken: send now; otherwise nothing was taken and
   * this is how long to wait before asking again}
   */
  public Duration tryAcquire() {
    return store.tryAcquire(key, limit);
  }

  /** {@return the limit kept} */
  public RateLimit limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "Pacer[" + key + ", " + limit + "]";
  }
}
