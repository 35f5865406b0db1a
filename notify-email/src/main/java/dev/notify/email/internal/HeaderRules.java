package dev.notify.email.internal;

import dev.notify.spi.Redaction;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules for what goes into a header: no CR or LF anywhere (header injection, CWE-93; Jakarta
 * Mail's {@code addHeader} does not stop it), strict address syntax, field names of RFC 5322.
 * Each check returns the rule broken, or {@code null}.
 */
public final class HeaderRules {
  /** RFC 5322's limit on a line, which an unfolded custom value must respect. */
  static final int MAX_LINE = 998;
  /** RFC 5321's limit on a forward path. */
  static final int MAX_ADDRESS = 254;
  /** Fields the channel writes itself; a custom header may not replace them. */
  private static final Set<String> RESERVED = Set.of("from", "to", "cc", "bcc", "sender",
      "reply-to", "subject", "date", "message-id", "mime-version", "content-type",
      "content-transfer-encoding", "content-id", "content-disposition", "return-path",
      "received", "list-unsubscribe", "list-unsubscribe-post");

  private HeaderRules() {
  }

  /**
   * {@return the rule a header-bound text breaks, or {@code null}}
   *
   * @param what how the rule names the text, e.g. "the subject"
   * @param value the text
   */
  public static @Nullable String singleLine(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        return what + " must not contain CR or LF (header injection), found at index " + i;
      }
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return what + " must not contain control characters, found U+"
            + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + i;
      }
    }
    return null;
  }

  /**
   * {@return the rule a plain address breaks, or {@code null}}: one bare ASCII addr-spec
   * ({@code user@example.com}), no display name, strict RFC 822 syntax, at most 254 characters.
   *
   * @param what how the rule names it, e.g. "the address"
   * @param address the address
   */
  public static @Nullable String address(String what, String address) {
    String line = singleLine(what, address);
    if (line != null) {
      return line;
    }
    if (address.length() > MAX_ADDRESS) {
      return what + " must be at most " + MAX_ADDRESS + " characters, was " + address.length();
    }
    if (!address.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return what + " must be ASCII without spaces (internationalized addresses are not"
          + " supported): " + Redaction.mask(address);
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      if (parsed.getPersonal() != null || !address.equals(parsed.getAddress())
          || address.indexOf('@') <= 0 || address.endsWith("@")) {
        return what + " must be a plain address such as user@example.com: "
            + Redaction.mask(address);
      }
      return null;
    } catch (AddressException e) {
      return what + " is not a valid email address (" + e.getMessage().replace(address, "…")
          + "): " + Redaction.mask(address);
    }
  }

  /**
   * {@return the rule a custom header breaks, or {@code null}}
   *
   * @param name the field name
   * @param value the field value
   */
  public static @Nullable String customHeader(String name, String value) {
    String line = singleLine("header name", name);
    if (line != null) {
      return line;
    }
    if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
      return "header name must be printable ASCII without spaces or ':': '" + name + "'";
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return "header " + name + " is set by the channel; use the content, the options or the"
          + " channel's builder instead";
    }
    String v = singleLine("the value of header " + name, value);
    if (v != null) {
      return v;
    }
    if (name.length() + 2 + value.length() > MAX_LINE) {
      return "header " + name + " must fit one line of " + MAX_LINE + " characters, was "
          + (name.length() + 2 + value.length());
    }
    return null;
  }
}
