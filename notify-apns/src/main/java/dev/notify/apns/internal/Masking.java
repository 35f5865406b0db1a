package dev.notify.apns.internal;

/** Keeps device tokens and key ids out of logs, exceptions and toString in full. */
public final class Masking {
  private Masking() {
  }

  /**
   * @param value a device token, key id or team id
   * @return the first and last two characters and the length, e.g. {@code "a1…f9(64)"}
   */
  public static String mask(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= 6) {
      return "…(" + value.length() + ")";
    }
    return value.substring(0, 2) + "…" + value.substring(value.length() - 2) + "("
        + value.length() + ")";
  }
}
