package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-recipient rate limits by channel type, optionally narrowed to a category, each with what
 * to do when it is exceeded. Immutable.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder()
 *     .limit(ChannelType.SMS, RateLimit.of(3, Duration.ofHours(1)), OverLimitAction.DEFER)
 *     .limit(ChannelType.EMAIL, "marketing", RateLimit.of(1, Duration.ofDays(1)),
 *         OverLimitAction.DROP)
 *     .build();
 * }</pre>
 *
 * <p>One rule applies to a delivery: the one for its channel type and category if there is one,
 * else the one for its channel type, else none. Each rule counts separately per recipient, so a
 * marketing email counts against the marketing rule only. Notifications in a critical category
 * (see {@link PreferencePolicy}) are never limited.
 */
public final class RateLimits {
  private static final RateLimits NONE = builder().build();

  private final Map<Key, Rule> rules;

  private RateLimits(Map<Key, Rule> rules) {
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /**
   * No rate limits.
   *
   * @return no limits
   */
  public static RateLimits none() {
    return NONE;
  }

  /** {@return a builder without limits} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the rule that applies, if any}
   *
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}
   */
  public Optional<Rule> ruleFor(ChannelType type, @Nullable String category) {
    requireNonNull(type, "type");
    Rule r = category != null ? rules.get(new Key(type, category)) : null;
    return Optional.ofNullable(r != null ? r : rules.get(new Key(type, null)));
  }

  /** {@return every rule, in the order added} */
  public Collection<Rule> rules() {
    return List.copyOf(rules.values());
  }

  @Override
  public String toString() {
    return "RateLimits" + rules.values();
  }

  /**
   * One limit.
   *
   * @param type the channel type
   * @param category the category, or {@code null} for every category without its own rule
   * @param limit the limit per recipient
   * @param action what happens to a delivery over it
   */
  public record Rule(ChannelType type, @Nullable String category, RateLimit limit,
      OverLimitAction action) {
    /**
     * Rejects nulls (except the category) and a blank category.
     *
     * @param type the channel type
     * @param category the category, or {@code null} for every category without its own rule
     * @param limit the limit per recipient
     * @param action what happens to a delivery over it
     */
    public Rule {
      requireNonNull(type, "type");
      requireNonNull(limit, "limit");
      requireNonNull(action, "action");
      if (category != null && category.isBlank()) {
        throw new IllegalArgumentException("category must not be blank");
      }
    }

    @Override
    public String toString() {
      return type + (category != null ? "/" + category : "") + ": " + limit + ", then " + action;
    }
  }

  private record Key(ChannelType type, @Nullable String category) {
  }

  /** Builds {@link RateLimits}. Not thread-safe. */
  public static final class Builder {
    private final Map<Key, Rule> rules = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Limits every delivery of a channel type (categories without their own rule).
     *
     * @param type the channel type
     * @param limit the limit per recipient
     * @param action what happens to a delivery over it
     * @return this builder
     */
    public Builder limit(ChannelType type, RateLimit limit, OverLimitAction action) {
      return add(new Rule(type, null, limit, action));
    }

    /**
     * Limits deliveries of one category on a channel type.
     *
     * @param type the channel type
     * @param category the category
     * @param limit the limit per recipient
     * @param action what happens to a delivery over it
     * @return this builder
     */
    public Builder limit(ChannelType type, String category, RateLimit limit,
        OverLimitAction action) {
      return add(new Rule(type, requireNonNull(category, "category"), limit, action));
    }

    private Builder add(Rule rule) {
      Key key = new Key(rule.type(), rule.category());
      Rule earlier = rules.putIfAbsent(key, rule);
      if (earlier != null) {
        throw new IllegalArgumentException("two limits for " + rule.type()
            + (rule.category() != null ? "/" + rule.category() : "") + ": " + earlier.limit()
            + " and " + rule.limit() + "; keep one");
      }
      return this;
    }

    /** {@return the limits} */
    public RateLimits build() {
      return new RateLimits(rules);
    }
  }
}
