package dev.notify;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Redaction;

/**
 * Who a notification is for: a direct address (a device token, phone number or email address for
 * one channel type), a user id, or a group id. Users and groups are resolved to addresses by a
 * {@link dev.notify.spi.store.RecipientDirectory} at dispatch time; without one, {@code send} rejects them.
 *
 * <p>Addresses and user and group ids are personal data: {@code toString()} shows only a masked
 * form; {@link #key()} is the full value.
 */
public sealed interface Recipient permits Recipient.Address, Recipient.User, Recipient.Group {

  /**
   * {@return a stable key under which history is kept, e.g. {@code "email:a@example.com"}}
   * Keys cannot collide across kinds: an address's key is {@code <channel type id>:<value>}, a
   * user's {@code user:<id>}, a group's {@code group:<id>}, and the type ids {@code user} and
   * {@code group} are reserved ({@link ChannelType#of(String)} refuses them), while no type id
   * contains {@code ':'}; so the text before the first {@code ':'} tells the kind.
   */
  String key();

  /**
   * A direct address for one channel type. Its syntax is checked by the target channel's
   * {@code validate} at {@code send}.
   *
   * @param type the channel type the address belongs to
   * @param value the address itself
   */
  record Address(ChannelType type, String value) implements Recipient {
    /**
     * Rejects null or blank parts.
     *
     * @param type the channel type the address belongs to
     * @param value the address itself
     */
    public Address {
      requireNonNull(type, "type");
      requireNonNull(value, "value");
      if (value.isBlank()) {
        throw new IllegalArgumentException(type + " address must not be blank");
      }
    }

    @Override
    public String key() {
      return type.id() + ":" + value;
    }

    @Override
    public String toString() {
      return type.id() + ":" + Redaction.mask(value);
    }
  }

  /**
   * A user known to the {@link dev.notify.spi.store.RecipientDirectory}.
   *
   * @param id the user id
   */
  record User(String id) implements Recipient {
    /**
     * Rejects null or blank ids.
     *
     * @param id the user id
     */
    public User {
      requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("user id must not be blank");
      }
    }

    @Override
    public String key() {
      return "user:" + id;
    }

    /** Masked: applications use emails and phone numbers as user ids. */
    @Override
    public String toString() {
      return "user:" + Redaction.mask(id);
    }
  }

  /**
   * A group of users known to the {@link dev.notify.spi.store.RecipientDirectory}; a notification to a
   * group fans out to one notification per member.
   *
   * @param id the group id
   */
  record Group(String id) implements Recipient {
    /**
     * Rejects null or blank ids.
     *
     * @param id the group id
     */
    public Group {
      requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("group id must not be blank");
      }
    }

    @Override
    public String key() {
      return "group:" + id;
    }

    /** Masked like a user id. */
    @Override
    public String toString() {
      return "group:" + Redaction.mask(id);
    }
  }

  /**
   * {@return an email address recipient}
   *
   * @param address the email address
   */
  static Address email(String address) {
    return new Address(ChannelType.EMAIL, address);
  }

  /**
   * {@return a phone number recipient (E.164 recommended, e.g. {@code +14155550100})}
   *
   * @param number the phone number
   */
  static Address phone(String number) {
    return new Address(ChannelType.SMS, number);
  }

  /**
   * {@return an APNs device token recipient (hex)}
   *
   * @param token the device token, hex
   */
  static Address apnsToken(String token) {
    return new Address(ChannelType.APNS, token);
  }

  /**
   * {@return an FCM registration token recipient}
   *
   * @param token the registration token
   */
  static Address fcmToken(String token) {
    return new Address(ChannelType.FCM, token);
  }

  /**
   * {@return an address for a custom channel type}
   *
   * @param type the custom channel type
   * @param value the address itself
   */
  static Address address(ChannelType type, String value) {
    return new Address(type, value);
  }

  /**
   * {@return a user recipient}
   *
   * @param userId the user's id, resolved through the client's recipient directory
   */
  static User user(String userId) {
    return new User(userId);
  }

  /**
   * {@return a group recipient}
   *
   * @param groupId the group's id, resolved through the client's recipient directory
   */
  static Group group(String groupId) {
    return new Group(groupId);
  }
}
