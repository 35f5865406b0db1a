package dev.notify.inmemory;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.policy.OptOut;
import dev.notify.policy.Preferences;
import dev.notify.policy.QuietHours;
import dev.notify.spi.store.PreferenceStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * A {@link PreferenceStore} held in memory: for tests, demos, and applications that reload
 * preferences at start. Thread-safe; each change is atomic per user.
 *
 * <pre>{@code
 * InMemoryPreferenceStore prefs = new InMemoryPreferenceStore();
 * prefs.optOut("u-42", OptOut.category("marketing"));
 * prefs.quietHours("u-42", QuietHours.of("22:00", "08:00"));
 * }</pre>
 */
public final class InMemoryPreferenceStore implements PreferenceStore {
  private final ConcurrentMap<String, Preferences> byUser = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryPreferenceStore() {
  }

  @Override
  public Preferences preferences(String userId) {
    return byUser.getOrDefault(requireNonNull(userId, "userId"), Preferences.none());
  }

  @Override
  public void optOut(String userId, OptOut optOut) {
    requireNonNull(optOut, "optOut");
    update(userId, p -> p.withOptOut(optOut));
  }

  @Override
  public void optIn(String userId, OptOut optOut) {
    requireNonNull(optOut, "optOut");
    update(userId, p -> p.withOptIn(optOut));
  }

  @Override
  public void quietHours(String userId, QuietHours quietHours) {
    requireNonNull(quietHours, "quietHours");
    update(userId, p -> p.withQuietHours(quietHours));
  }

  @Override
  public void clearQuietHours(String userId) {
    update(userId, Preferences::withoutQuietHours);
  }

  @Override
  public void recordProviderOptOut(String userId, ChannelType type) {
    requireNonNull(type, "type");
    update(userId, p -> p.withProviderOptOut(type));
  }

  private void update(String userId, UnaryOperator<Preferences> change) {
    requireNonNull(userId, "userId");
    byUser.compute(userId, (id, p) -> {
      Preferences next = change.apply(p == null ? Preferences.none() : p);
      return next.isEmpty() ? null : next;
    });
  }

  @Override
  public String toString() {
    return "InMemoryPreferenceStore[" + byUser.size() + " users]";
  }
}
