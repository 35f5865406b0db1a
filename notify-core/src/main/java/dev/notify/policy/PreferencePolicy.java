package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import dev.notify.Priority;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How preferences are applied at dispatch, the same for every user.
 *
 * <h2>The rules, in order</h2>
 * <ol>
 *   <li>An opt-out of <em>everything</em> suppresses every notification, critical or not. It is
 *       given for legal reasons (a user who asked for no contact at all) and nothing overrides
 *       it.</li>
 *   <li>A provider-recorded opt-out of the channel type (an SMS "STOP") suppresses, critical or
 *       not: the provider would refuse the message anyway.</li>
 *   <li>A notification in a <em>critical</em> category (one-time codes, security alerts, legal
 *       notices) is sent: it bypasses the remaining opt-outs, quiet hours and rate limits.</li>
 *   <li>An opt-out of the channel type, of the category, or of the category on the channel type
 *       suppresses.</li>
 *   <li>Inside the user's quiet hours the notification is deferred to the end of the window,
 *       unless it is {@link Priority#HIGH} and {@link #highPriorityBypassesQuietHours()}.</li>
 * </ol>
 *
 * <pre>{@code
 * PreferencePolicy policy = PreferencePolicy.builder()
 *     .criticalCategories("security", "otp")
 *     .defaultZone(ZoneId.of("Asia/Seoul"))
 *     .build();
 * }</pre>
 */
public final class PreferencePolicy {
  private static final PreferencePolicy DEFAULTS = builder().build();

  private final Set<String> criticalCategories;
  private final boolean highPriorityBypassesQuietHours;
  private final ZoneId defaultZone;

  private PreferencePolicy(Builder b) {
    this.criticalCategories = Collections.unmodifiableSet(new LinkedHashSet<>(b.critical));
    this.highPriorityBypassesQuietHours = b.highBypasses;
    this.defaultZone = b.defaultZone;
  }

  /**
   * The default policy.
   *
   * @return no critical categories, HIGH bypasses quiet hours, default zone UTC
   */
  public static PreferencePolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the critical categories} */
  public Set<String> criticalCategories() {
    return criticalCategories;
  }

  /**
   * {@return true if {@code category} (which may be null) is critical}
   *
   * @param category the notification's category, or {@code null}
   */
  public boolean isCritical(@Nullable String category) {
    return category != null && criticalCategories.contains(category);
  }

  /** {@return whether {@link Priority#HIGH} notifications are sent during quiet hours} */
  public boolean highPriorityBypassesQuietHours() {
    return highPriorityBypassesQuietHours;
  }

  /** {@return the zone for quiet hours of users whose own zone is unknown} */
  public ZoneId defaultZone() {
    return defaultZone;
  }

  @Override
  public String toString() {
    return "PreferencePolicy[criticalCategories=" + criticalCategories
        + ", highPriorityBypassesQuietHours=" + highPriorityBypassesQuietHours + ", defaultZone="
        + defaultZone + "]";
  }

  /** Builds a {@link PreferencePolicy}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> critical = new LinkedHashSet<>();
    private boolean highBypasses = true;
    private ZoneId defaultZone = ZoneOffset.UTC;

    private Builder() {
    }

    /**
     * Sets the critical categories.
     *
     * @param categories the critical categories (replacing earlier ones); default none
     * @return this builder
     */
    public Builder criticalCategories(String... categories) {
      return criticalCategories(Arrays.asList(categories));
    }

    /**
     * Sets the critical categories.
     *
     * @param categories the critical categories (replacing earlier ones); default none
     * @return this builder
     */
    public Builder criticalCategories(Collection<String> categories) {
      requireNonNull(categories, "categories");
      critical.clear();
      for (String c : categories) {
        requireNonNull(c, "category");
        if (c.isBlank()) {
          throw new IllegalArgumentException("a critical category must not be blank");
        }
        critical.add(c);
      }
      return this;
    }

    /**
     * Sets whether HIGH priority bypasses quiet hours.
     *
     * @param bypass whether {@link Priority#HIGH} notifications are sent during quiet hours;
     *     default true (HIGH is for one-time codes and alerts)
     * @return this builder
     */
    public Builder highPriorityBypassesQuietHours(boolean bypass) {
      this.highBypasses = bypass;
      return this;
    }

    /**
     * Sets the default zone.
     *
     * @param zone the zone for users whose zone is unknown; default UTC
     * @return this builder
     */
    public Builder defaultZone(ZoneId zone) {
      this.defaultZone = requireNonNull(zone, "zone");
      return this;
    }

    /** {@return the policy} */
    public PreferencePolicy build() {
      return new PreferencePolicy(this);
    }
  }
}
