package dev.notify.apns.internal;

import org.jspecify.annotations.Nullable;

/**
 * What may go into an APNs request header. HTTP/2 header values are bytes: Netty writes a char
 * above U+00FF as {@code '?'} (two distinct collapse ids would then collapse into one), and NUL,
 * CR, LF or DEL make the request fail at the wire, to be retried until it is dead. So a header
 * value is printable ASCII, U+0020 to U+007E, and short enough to stay far below the 8 KiB that
 * APNs allows for all headers together: all of it knowable, and checked, at {@code send}.
 */
public final class HeaderRules {
  /** The longest {@code apns-topic}: a bundle id, with a suffix such as {@code .voip}. */
  public static final int MAX_TOPIC_CHARS = 255;

  private HeaderRules() {
  }

  /**
   * {@return why {@code value} cannot be the header, or null if it can}
   *
   * @param header the header's name, for the message
   * @param value its value
   * @param maxChars its largest length (in characters, which are bytes once it is ASCII)
   */
  public static @Nullable String problem(String header, String value, int maxChars) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return "must be printable ASCII (U+0020 to U+007E) to go into the " + header
            + " header; found U+" + String.format("%04X", (int) c) + " at index " + i;
      }
    }
    if (value.length() > maxChars) {
      return "must be at most " + maxChars + " characters for the " + header + " header, was "
          + value.length();
    }
    return null;
  }

  /** {@return true if {@code c} is an ASCII hex digit; {@link Character#digit} takes others} */
  static boolean isHexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
