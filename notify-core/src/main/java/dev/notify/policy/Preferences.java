package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One user's notification preferences: opt-outs, opt-outs recorded from a provider (an SMS "STOP"),
 * and quiet hours. Immutable; change it with the {@code with…} methods.
 */
public final class Preferences {
  private static final Preferences NONE = new Preferences(Set.of(), Set.of(), null);

  private final Set<OptOut> optOuts;
  private final Set<ChannelType> providerOptOuts;
  private final @Nullable QuietHours quietHours;

  private Preferences(Set<OptOut> optOuts, Set<ChannelType> providerOptOuts,
      @Nullable QuietHours quietHours) {
    this.optOuts = Collections.unmodifiableSet(new LinkedHashSet<>(optOuts));
    this.providerOptOuts = Collections.unmodifiableSet(new LinkedHashSet<>(providerOptOuts));
    this.quietHours = quietHours;
  }

  /**
   * Preferences of a user who set none.
   *
   * @return no opt-outs and no quiet hours
   */
  public static Preferences none() {
    return NONE;
  }

  /** {@return the user's own opt-outs} */
  public Set<OptOut> optOuts() {
    return optOuts;
  }

  /**
   * {@return the channel types on which a provider reported the user opted out (Twilio error 21610
   * after an SMS "STOP"); the provider refuses these itself, so not even a critical category is
   * sent there}
   */
  public Set<ChannelType> providerOptOuts() {
    return providerOptOuts;
  }

  /** {@return the quiet hours, if set} */
  public Optional<QuietHours> quietHours() {
    return Optional.ofNullable(quietHours);
  }

  /** {@return true when nothing is recorded} */
  public boolean isEmpty() {
    return optOuts.isEmpty() && providerOptOuts.isEmpty() && quietHours == null;
  }

  /**
   * {@return these preferences plus {@code optOut}}
   *
   * @param optOut the opt-out to add
   */
  public Preferences withOptOut(OptOut optOut) {
    requireNonNull(optOut, "optOut");
    Set<OptOut> s = new LinkedHashSet<>(optOuts);
    s.add(optOut);
    return new Preferences(s, providerOptOuts, quietHours);
  }

  /**
   * Opts back in: removes exactly {@code optOut} (opting in to SMS does not lift an opt-out of
   * everything). Opting in to a channel type also clears a provider opt-out of it, for an
   * application that learned the user re-subscribed (an SMS "START").
   *
   * @param optOut the opt-out to remove
   * @return these preferences without {@code optOut}
   */
  public Preferences withOptIn(OptOut optOut) {
    requireNonNull(optOut, "optOut");
    Set<OptOut> s = new LinkedHashSet<>(optOuts);
    s.remove(optOut);
    Set<ChannelType> p = new LinkedHashSet<>(providerOptOuts);
    if (optOut.category() == null && optOut.channelType() != null) {
      p.remove(optOut.channelType());
    }
    return new Preferences(s, p, quietHours);
  }

  /**
   * {@return these preferences plus a provider-reported opt-out of {@code type}}
   *
   * @param type the channel type the provider reported
   */
  public Preferences withProviderOptOut(ChannelType type) {
    requireNonNull(type, "type");
    Set<ChannelType> p = new LinkedHashSet<>(providerOptOuts);
    p.add(type);
    return new Preferences(optOuts, p, quietHours);
  }

  /**
   * {@return these preferences with these quiet hours}
   *
   * @param quietHours the quiet hours, replacing earlier ones
   */
  public Preferences withQuietHours(QuietHours quietHours) {
    return new Preferences(optOuts, providerOptOuts, requireNonNull(quietHours, "quietHours"));
  }

  /** {@return these preferences without quiet hours} */
  public Preferences withoutQuietHours() {
    return new Preferences(optOuts, providerOptOuts, null);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Preferences)) {
      return false;
    }
    Preferences p = (Preferences) o;
    return optOuts.equals(p.optOuts) && providerOptOuts.equals(p.providerOptOuts)
        && Objects.equals(quietHours, p.quietHours);
  }

  @Override
  public int hashCode() {
    return Objects.hash(optOuts, providerOptOuts, quietHours);
  }

  @Override
  public String toString() {
    return "Preferences[optOuts=" + optOuts + ", providerOptOuts=" + providerOptOuts
        + (quietHours != null ? ", " + quietHours : "") + "]";
  }
}
