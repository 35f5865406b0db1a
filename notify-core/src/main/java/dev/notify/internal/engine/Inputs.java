package dev.notify.internal.engine;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Recipient;
import org.jspecify.annotations.Nullable;

/**
 * The rules for the strings a caller names things with: notification ids and user and group ids.
 * They keep derived ids unambiguous: a broadcast's member is {@code <id>:<user id>}, and since a
 * caller's id may not contain {@code ':'}, everything before the first {@code ':'} of a member id
 * is its broadcast's id and everything after it the user id, whatever that user id holds. A caller
 * can neither forge a member id nor collide with one.
 */
final class Inputs {
  /** The longest caller id, and the longest user or group id. */
  static final int MAX_ID_LENGTH = 200;
  /** Separates a broadcast's id from a member's user id in the member's id. */
  static final char MEMBER_SEPARATOR = ':';

  private Inputs() {
  }

  /** {@return the id of a broadcast's notification for one member} */
  static String memberId(String broadcastId, String userId) {
    return broadcastId + MEMBER_SEPARATOR + userId;
  }

  /** @throws InvalidNotificationException if the id or a user or group id breaks its rules */
  static void checkNames(Notification n) {
    String id = n.id();
    String rule = nameProblem(id, "an id");
    if (rule == null && id.indexOf(MEMBER_SEPARATOR) >= 0) {
      rule = "must not contain ':', which is reserved for the ids of a group broadcast's members"
          + " (<id>:<user id>), at index " + id.indexOf(MEMBER_SEPARATOR);
    }
    if (rule != null) {
      throw new InvalidNotificationException("id", rule);
    }
    for (int i = 0; i < n.recipients().size(); i++) {
      Recipient r = n.recipients().get(i);
      String name = r instanceof Recipient.User u ? u.id()
          : r instanceof Recipient.Group g ? g.id() : null;
      String problem = name == null ? null
          : nameProblem(name, r instanceof Recipient.User ? "a user id" : "a group id");
      if (problem != null) {
        throw new InvalidNotificationException("recipients[" + i + "]", problem);
      }
    }
  }

  /**
   * {@return why a user id from the directory cannot name a member, or null if it can}
   *
   * @param userId a group member's id as the directory gave it
   */
  static @Nullable String memberProblem(String userId) {
    return nameProblem(userId, "a user id");
  }

  private static @Nullable String nameProblem(String name, String what) {
    if (name.isBlank()) {
      return what + " must not be blank";
    }
    if (name.length() > MAX_ID_LENGTH) {
      return what + " must be at most " + MAX_ID_LENGTH + " characters, was " + name.length();
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return what + " must not contain control characters; found U+"
            + String.format("%04X", (int) c) + " at index " + i;
      }
      if (Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return what + " must be valid UTF-16; found an unpaired surrogate U+"
            + String.format("%04X", (int) c) + " at index " + i;
      }
    }
    return null;
  }
}
