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
    // By code points, so that a surrogate pair (an emoji, a CJK extension character) is never
    // split into two unpaired halves; the length shown is in code points too.
    int length = value.codePointCount(0, value.length());
    int at = value.indexOf('@');
    if (at > 0) {
      return value.substring(0, value.offsetByCodePoints(0, 1)) + "…" + value.substring(at);
    }
    if (length <= 6) {
      return "…(" + length + ")";
    }
    return value.substring(0, value.offsetByCodePoints(0, 2)) + "…"
        + value.substring(value.offsetByCodePoints(value.length(), -2)) + "(" + length + ")";
  }

  /**
   * Masks a file's name but keeps its folder and extension, for a path whose name carries an id
   * ({@code AuthKey_ABC123DEFG.p8}): {@code /keys/Au…FG(12).p8}.
   *
   * @param path the path to show
   * @return the path with its file name masked
   */
  public static String maskFileName(java.nio.file.Path path) {
    java.nio.file.Path name = path.getFileName();
    if (name == null) {
      return path.toString();
    }
    String file = name.toString();
    int dot = file.lastIndexOf('.');
    String masked = dot > 0 ? mask(file.substring(0, dot)) + file.substring(dot) : mask(file);
    java.nio.file.Path parent = path.getParent();
    return parent == null ? masked : parent.resolve(masked).toString();
  }
}
