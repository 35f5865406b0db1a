package dev.notify;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The kind of a channel and of an address: APNs, FCM, SMS, email, or a custom type defined by a
 * provider author with {@link #of(String)}. Types belong to a family; APNs and FCM are both in the
 * {@code push} family, so targeting push reaches every APNs and FCM address a recipient has.
 */
public final class ChannelType {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** Apple Push Notification service; addresses are device tokens. */
  public static final ChannelType APNS = new ChannelType("apns", "push");
  /** Firebase Cloud Messaging; addresses are registration tokens. */
  public static final ChannelType FCM = new ChannelType("fcm", "push");
  /** Text messages; addresses are phone numbers. */
  public static final ChannelType SMS = new ChannelType("sms", "sms");
  /** Email; addresses are email addresses. */
  public static final ChannelType EMAIL = new ChannelType("email", "email");

  private final String id;
  private final String family;

  private ChannelType(String id, String family) {
    this.id = id;
    this.family = family;
  }

  /**
   * Returns the type with this id: one of the built-in constants or a custom type in its own family.
   *
   * @param id lower case letters, digits, {@code -} or {@code _}, starting with a letter, at most 32;
   *     not {@code user} or {@code group}, which are reserved for the keys of {@link Recipient}s
   * @return the built-in constant with this id, or a custom type
   * @throws IllegalArgumentException if the id does not have that form
   */
  public static ChannelType of(String id) {
    requireNonNull(id, "id");
    switch (id) {
      case "apns": return APNS;
      case "fcm": return FCM;
      case "sms": return SMS;
      case "email": return EMAIL;
      case "user":
      case "group":
        throw new IllegalArgumentException("channel type id '" + id + "' is reserved: recipient"
            + " keys of users and groups start with it (Recipient.key())");
      default:
        if (!ID.matcher(id).matches()) {
          throw new IllegalArgumentException("channel type id must match " + ID + ": '" + id + "'");
        }
        return new ChannelType(id, id);
    }
  }

  /** {@return the type's id, e.g. {@code "apns"}} */
  public String id() {
    return id;
  }

  /** {@return the family, e.g. {@code "push"} for APNs and FCM} */
  public String family() {
    return family;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChannelType && ((ChannelType) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
