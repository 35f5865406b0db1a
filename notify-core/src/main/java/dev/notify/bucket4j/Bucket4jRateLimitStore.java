package dev.notify.bucket4j;

import static java.util.Objects.requireNonNull;

import dev.notify.internal.ratelimit.Buckets;
import dev.notify.policy.RateLimit;
import dev.notify.spi.store.RateLimitStore;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;

/**
 * A {@link RateLimitStore} over a Bucket4j {@link ProxyManager}, so several instances share
 * per-recipient limits and provider pacing through PostgreSQL, Redis or any other Bucket4j back
 * end. This is the one class of the API that shows Bucket4j types: add the Bucket4j module for
 * your back end ({@code bucket4j_jdk17-postgresql}, {@code bucket4j_jdk17-lettuce}, …) and build its
 * proxy manager as its documentation says.
 *
 * <pre>{@code
 * ProxyManager<String> buckets = ...;   // built as the back end module's documentation shows,
 *                                       // with String keys
 * RateLimitStore store = Bucket4jRateLimitStore.of(buckets);
 * }</pre>
 *
 * <p>Keys contain recipient keys (a phone number, an email address): hash them in a
 * {@code withMapper} of the proxy manager if the back end must not hold them. The limit is part of
 * the stored key, so a changed limit starts a fresh bucket. Give the proxy manager a client-side
 * clock ({@code ClientSideConfig.withClientClock}) or let it use the back end's; waits are turned
 * into instants with the client's clock. Each call is one round trip to the back end on the
 * calling dispatcher or lane thread; configure a request timeout on the proxy manager.
 */
public final class Bucket4jRateLimitStore implements RateLimitStore {
  private final ProxyManager<String> proxyManager;

  private Bucket4jRateLimitStore(ProxyManager<String> proxyManager) {
    this.proxyManager = proxyManager;
  }

  /**
   * {@return a store keeping its buckets through {@code proxyManager}}
   *
   * @param proxyManager a Bucket4j proxy manager, e.g. over PostgreSQL or Redis
   */
  public static Bucket4jRateLimitStore of(ProxyManager<String> proxyManager) {
    return new Bucket4jRateLimitStore(requireNonNull(proxyManager, "proxyManager"));
  }

  @Override
  public Duration tryAcquire(String key, RateLimit limit) {
    requireNonNull(key, "key");
    requireNonNull(limit, "limit");
    return Buckets.waitOf(proxyManager.builder()
        .build(Buckets.keyWithLimit(key, limit), () -> Buckets.configuration(limit))
        .tryConsumeAndReturnRemaining(1));
  }

  @Override
  public String toString() {
    return "Bucket4jRateLimitStore[" + proxyManager.getClass().getSimpleName() + "]";
  }
}
