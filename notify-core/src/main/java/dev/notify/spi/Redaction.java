package dev.notify.spi;

import org.jspecify.annotations.Nullable;

/**
 * Masks personal data and secrets (addresses, tokens, key ids) before they reach a log line, an
 * exception or a {@code toString()}. For channel authors: never print an address or a credential in
 * full, print {@code Redaction.mask(value)}.
 */
public final class Redaction {
  private Redaction() {
  }

  /**
   * Keeps just enough to tell values apart: {@code "a1…f9(64)"} for a device token,
   * {@code "+4…00(12)"} for a phone number, {@code "j…@example.com"} for an email address.
   *
   * @param value the value to mask, or {@code null}
   * @return the masked value; {@code "null"} for {@code null}
   */
  public static String mask(@Nullable String value) {
    if (value == null) {
      return "null";
    }
    int at = value.indexOf('@');
    if (at > 0) {
      return value.charAt(0) + "…" + value.substring(at);
    }
    if (value.length() <= 6) {
      return "…(" + value.length() + ")";
    }
    return value.substring(0, 2) + "…" + value.substring(value.length() - 2) + "(" + value.length()
        + ")";
  }
}
