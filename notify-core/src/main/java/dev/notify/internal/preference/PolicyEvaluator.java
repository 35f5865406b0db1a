package dev.notify.internal.preference;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.Priority;
import dev.notify.policy.OptOut;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.Preferences;
import dev.notify.policy.QuietHours;
import dev.notify.spi.store.PreferenceStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies a user's preferences to one delivery at dispatch time, by the rules documented on
 * {@link PreferencePolicy}. Thread-safe; called on dispatcher threads.
 */
public final class PolicyEvaluator {
  private final PreferenceStore store;
  private final PreferencePolicy policy;

  /**
   * Creates an evaluator over a preference store.
   *
   * @param store where preferences are read
   * @param policy critical categories, the HIGH-priority rule and the default zone
   */
  public PolicyEvaluator(PreferenceStore store, PreferencePolicy policy) {
    this.store = requireNonNull(store, "store");
    this.policy = requireNonNull(policy, "policy");
  }

  /** {@return the policy applied} */
  public PreferencePolicy policy() {
    return policy;
  }

  /**
   * Reads the user's preferences (one store call) and evaluates them.
   *
   * @param userId the user
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}
   * @param priority the notification's priority
   * @param zone the user's time zone, or {@code null} for the policy's default zone
   * @param now the current instant, from the client's clock
   * @return allow, suppress with a reason, or defer until an instant
   */
  public PolicyDecision evaluate(String userId, ChannelType type, @Nullable String category,
      Priority priority, @Nullable ZoneId zone, Instant now) {
    requireNonNull(userId, "userId");
    return evaluate(store.preferences(userId), type, category, priority, zone, now);
  }

  /**
   * Evaluates preferences already read, e.g. once per user for all of a notification's channels.
   *
   * @param prefs the user's preferences, already read from the store
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}
   * @param priority the notification's priority
   * @param zone the user's time zone, or {@code null} for the policy's default zone
   * @param now the current instant, from the client's clock
   * @return allow, suppress with a reason, or defer until an instant
   * @see #evaluate(String, ChannelType, String, Priority, ZoneId, Instant)
   */
  public PolicyDecision evaluate(Preferences prefs, ChannelType type, @Nullable String category,
      Priority priority, @Nullable ZoneId zone, Instant now) {
    requireNonNull(prefs, "prefs");
    requireNonNull(type, "type");
    requireNonNull(priority, "priority");
    requireNonNull(now, "now");
    if (prefs.optOuts().contains(OptOut.all())) {
      return new PolicyDecision.Suppress(SuppressReason.OPTED_OUT_ALL);
    }
    if (prefs.providerOptOuts().contains(type)) {
      return new PolicyDecision.Suppress(SuppressReason.OPTED_OUT_AT_PROVIDER);
    }
    if (policy.isCritical(category)) {
      return PolicyDecision.ALLOW;
    }
    if (prefs.optOuts().contains(OptOut.channel(type))) {
      return new PolicyDecision.Suppress(SuppressReason.OPTED_OUT_CHANNEL);
    }
    if (category != null) {
      if (prefs.optOuts().contains(OptOut.category(category))) {
        return new PolicyDecision.Suppress(SuppressReason.OPTED_OUT_CATEGORY);
      }
      if (prefs.optOuts().contains(OptOut.channelAndCategory(type, category))) {
        return new PolicyDecision.Suppress(SuppressReason.OPTED_OUT_CHANNEL_CATEGORY);
      }
    }
    Optional<QuietHours> quiet = prefs.quietHours();
    if (quiet.isPresent()
        && !(priority == Priority.HIGH && policy.highPriorityBypassesQuietHours())) {
      Optional<Instant> until = quiet.get().quietUntil(now, zone != null ? zone
          : policy.defaultZone());
      if (until.isPresent()) {
        return new PolicyDecision.Defer(until.get());
      }
    }
    return PolicyDecision.ALLOW;
  }
}
