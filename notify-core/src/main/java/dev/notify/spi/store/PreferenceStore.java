package dev.notify.spi.store;

import dev.notify.ChannelType;
import dev.notify.policy.OptOut;
import dev.notify.policy.Preferences;
import dev.notify.policy.QuietHours;

/**
 * Keeps users' opt-outs and quiet hours. The client reads it at dispatch time, so scheduled and
 * retried notifications obey the preference in force when they go out; the application writes it
 * when a user changes a setting. The default is {@link dev.notify.inmemory.InMemoryPreferenceStore}.
 *
 * <p>The key is a user id. For a notification to a direct address, the client may use the
 * address's {@link dev.notify.Recipient#key()} instead, so a provider opt-out of a phone number is
 * remembered too.
 *
 * <h2>Threading</h2>
 * All methods may be called concurrently. {@link #preferences} runs on dispatcher threads, once per
 * user per notification; it may block on a database but should be one indexed read.
 * {@link #recordProviderOptOut} runs on a channel lane's executor after a provider reported the
 * recipient opted out. The other methods run on the application's threads.
 */
public interface PreferenceStore {

  /**
   * {@return the user's preferences; {@link Preferences#none()} when nothing is recorded, never
   * null}
   *
   * @param userId the user
   */
  Preferences preferences(String userId);

  /**
   * Records an opt-out. Recording the same opt-out twice changes nothing.
   *
   * @param userId the user
   * @param optOut what the user opted out of
   */
  void optOut(String userId, OptOut optOut);

  /**
   * Opts back in: removes exactly this opt-out (see {@link Preferences#withOptIn}). Opting in to a
   * channel type also clears a provider opt-out of it.
   *
   * @param userId the user
   * @param optOut the opt-out to remove
   */
  void optIn(String userId, OptOut optOut);

  /**
   * Sets the user's quiet hours, replacing earlier ones.
   *
   * @param userId the user
   * @param quietHours the new quiet hours
   */
  void quietHours(String userId, QuietHours quietHours);

  /**
   * Removes the user's quiet hours.
   *
   * @param userId the user
   */
  void clearQuietHours(String userId);

  /**
   * A provider reported the user opted out of a channel type (Twilio 21610 after "STOP"). The
   * default records a plain channel opt-out; a store that can should keep it apart, as
   * {@link Preferences#withProviderOptOut} does, so that not even a critical category is sent
   * there.
   *
   * @param userId the user
   * @param type the channel type the provider reported
   */
  default void recordProviderOptOut(String userId, ChannelType type) {
    optOut(userId, OptOut.channel(type));
  }
}
