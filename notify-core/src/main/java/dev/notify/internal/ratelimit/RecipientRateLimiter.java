package dev.notify.internal.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.spi.store.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Per-recipient rate limits, checked by dispatchers after preferences and before rendering.
 * Thread-safe. Buckets are kept per recipient, channel type and (for a category rule) category,
 * in the {@link RateLimitStore}; time comes from the injected clock.
 *
 * <p>The recipient ("subject") is whatever the engine counts by: {@code Recipient.key()} of a user
 * ({@code user:u-42}, so one notification to three devices counts once if checked once per user and
 * channel type) or of an address ({@code sms:+1415…}).
 */
public final class RecipientRateLimiter {
  private final RateLimits limits;
  private final Predicate<@Nullable String> isCritical;
  private final FailOpen store;
  private final Clock clock;

  /**
   * Creates a limiter applying these rules.
   *
   * @param limits the rules
   * @param isCritical tells critical categories (never limited), e.g.
   *     {@code PreferencePolicy::isCritical}; receives null for no category
   * @param store where buckets are kept
   * @param clock the client's clock, to turn a wait into an instant
   */
  public RecipientRateLimiter(RateLimits limits, Predicate<@Nullable String> isCritical,
      RateLimitStore store, Clock clock) {
    this.limits = requireNonNull(limits, "limits");
    this.isCritical = requireNonNull(isCritical, "isCritical");
    this.clock = requireNonNull(clock, "clock");
    this.store = new FailOpen(requireNonNull(store, "store"), clock);
  }

  /**
   * Applies the rule for this channel type and category, taking a permit if allowed.
   *
   * @param subject the recipient's key, e.g. {@code user:u-42}
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}
   * @return allowed (also when no rule applies or the category is critical), or denied with the
   *     instant to retry and the rule's action
   */
  public RateLimitDecision check(String subject, ChannelType type, @Nullable String category) {
    requireNonNull(subject, "subject");
    requireNonNull(type, "type");
    if (isCritical.test(category)) {
      return RateLimitDecision.ALLOWED;
    }
    Optional<RateLimits.Rule> rule = limits.ruleFor(type, category);
    if (rule.isEmpty()) {
      return RateLimitDecision.ALLOWED;
    }
    RateLimits.Rule r = rule.get();
    return tryAcquire(key(subject, type, r.category()), r.limit(), r.action());
  }

  /**
   * {@return the rule that applies to a delivery, if any, for a reason that names the limit}
   *
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}
   */
  public Optional<RateLimits.Rule> ruleFor(ChannelType type, @Nullable String category) {
    return limits.ruleFor(type, category);
  }

  /**
   * Takes a permit from one bucket.
   *
   * @param key the bucket's key
   * @param limit its limit
   * @param action what the caller will do when denied, carried in the decision
   * @return allowed, or denied with the instant a permit will be available
   */
  public RateLimitDecision tryAcquire(String key, RateLimit limit, OverLimitAction action) {
    requireNonNull(key, "key");
    requireNonNull(limit, "limit");
    requireNonNull(action, "action");
    Duration wait = store.tryAcquire(key, limit);
    return wait.isZero() ? RateLimitDecision.ALLOWED
        : new RateLimitDecision.Denied(clock.instant().plus(wait), action);
  }

  /** Length-prefixed, so no subject can collide with another subject's channel or category. */
  static String key(String subject, ChannelType type, @Nullable String category) {
    return "rcpt:" + subject.length() + ":" + subject + ":" + type.id()
        + (category != null ? ":" + category : "");
  }

  @Override
  public String toString() {
    return "RecipientRateLimiter[" + limits + "]";
  }
}
