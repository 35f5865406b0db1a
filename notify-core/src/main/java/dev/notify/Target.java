package dev.notify;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Where a notification should go: every channel of a type, every channel of a family (push = APNs
 * and FCM), or one channel by name. Set through {@link Notification.Builder#via(ChannelType...)},
 * {@link Notification.Builder#viaPush()} and {@link Notification.Builder#viaChannel(String...)}.
 */
public sealed interface Target permits Target.OfType, Target.OfFamily, Target.Named {

  /**
   * {@return true if an address of this type can be reached through this target}
   *
   * @param addressType the channel type of an address
   */
  boolean reaches(ChannelType addressType);

  /**
   * Every channel of one type (the type's default channel).
   *
   * @param type the channel type
   */
  record OfType(ChannelType type) implements Target {
    /**
     * Rejects null.
     *
     * @param type the channel type
     */
    public OfType {
      requireNonNull(type, "type");
    }

    @Override
    public boolean reaches(ChannelType addressType) {
      return type.equals(addressType);
    }

    @Override
    public String toString() {
      return type.id();
    }
  }

  /**
   * Every channel of a family, e.g. {@code push} for APNs and FCM.
   *
   * @param family the family, e.g. {@code push}
   */
  record OfFamily(String family) implements Target {
    /**
     * Rejects null.
     *
     * @param family the family, e.g. {@code push}
     */
    public OfFamily {
      requireNonNull(family, "family");
    }

    @Override
    public boolean reaches(ChannelType addressType) {
      return family.equals(addressType.family());
    }

    @Override
    public String toString() {
      return family + "(family)";
    }
  }

  /**
   * One channel, by its configured name.
   *
   * @param name the channel's configured name
   * @param type the type of that channel, resolved by the client when it checks the notification;
   *     null until then
   */
  record Named(String name, @Nullable ChannelType type) implements Target {
    /**
     * Rejects a null name.
     *
     * @param name the channel's configured name
     * @param type the type of that channel, resolved by the client when it checks the notification;
     *     null until then
     */
    public Named {
      requireNonNull(name, "name");
    }

    @Override
    public boolean reaches(ChannelType addressType) {
      return type != null && type.equals(addressType);
    }

    @Override
    public String toString() {
      return "channel:" + name;
    }
  }
}
