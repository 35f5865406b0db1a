package dev.notify.spi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The canonical text of JSON scalars: how the payload hash writes a number, a string and the
 * values it writes as strings (enums, locales, UUIDs, {@code java.time} values). The engine's
 * hash and this package's codec both use these rules, so a notification read back from storage
 * hashes the same. A log implementation has no need of it.
 */
public final class CanonicalText {
  private static final int MAX_PADDING_ZEROS = 40;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalText() {
  }

  /**
   * {@return the canonical text of a value made of {@link FreeForm}'s normalized kinds} A
   * {@code Set} is hashed as an array sorted by its elements' canonical text, so the codec stores
   * it as a list in that order.
   */
  static String of(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  /**
   * One text per numeric value, so {@code 1}, {@code 1L}, {@code 1.0} and {@code 1.00} agree:
   * the exact value (a double's binary value, not its shortest decimal, which changed in JDK 19)
   * without trailing zeros, plain unless that needs more than {@value #MAX_PADDING_ZEROS} zeros
   * of padding, else unscaled digits and an exponent ({@code 1E50}, {@code 125E-45}).
   *
   * @param n the number
   * @return its canonical text, or null if it has none (not finite, or not one of the number
   *     types the hash knows: the boxed integers, {@code BigInteger}, {@code BigDecimal},
   *     {@code Double}, {@code Float})
   */
  public static @Nullable String number(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return Long.toString(n.longValue());
    }
    BigDecimal d;
    if (n instanceof BigInteger i) {
      if (i.bitLength() < 64) {
        return i.toString();
      }
      d = new BigDecimal(i);
    } else if (n instanceof BigDecimal b) {
      d = b;
    } else if (n instanceof Double || n instanceof Float) {
      double x = n.doubleValue();
      if (!Double.isFinite(x)) {
        return null;
      }
      d = new BigDecimal(x);
    } else {
      return null;
    }
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    int scale = d.scale();
    int padding = scale < 0 ? -scale : Math.max(0, scale - d.precision());
    return padding <= MAX_PADDING_ZEROS ? d.toPlainString() : d.unscaledValue() + "E" + -scale;
  }

  private static void write(StringBuilder out, @Nullable Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Number n) {
      out.append(number(n));
    } else if (v instanceof String s) {
      quote(out, s);
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      for (Object k : map.keySet()) {
        keys.add((String) k);
      }
      keys.sort(null);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        quote(out, keys.get(i));
        out.append(':');
        write(out, map.get(keys.get(i)));
      }
      out.append('}');
    } else {
      throw new IllegalStateException("not a normalized value: " + v.getClass().getName());
    }
  }

  /**
   * {@return the string form of a value the hash writes as a JSON string: a char sequence or
   * character, a UUID, an enum's name, a locale's language tag, a {@code java.time} value's
   * {@code toString}; null for any other value}
   *
   * @param v the value
   */
  public static @Nullable String scalar(Object v) {
    if (v instanceof CharSequence || v instanceof Character || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Locale l) {
      return l.toLanguageTag();
    }
    if ((v instanceof TemporalAccessor || v instanceof TemporalAmount || v instanceof ZoneId)
        && v.getClass().getPackageName().equals("java.time")) {
      return v.toString();
    }
    return null;
  }

  /**
   * Appends a string as a JSON string: quotes, backslash and control characters escaped (the
   * short escapes where JSON has one, else a unicode escape with four lower-case hex digits), a
   * lone surrogate escaped, everything else as it is.
   *
   * @param out where to write
   * @param s the string
   */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int first = 0;
    while (first < n && plain(s.charAt(first))) {
      first++;
    }
    if (first == n) { // the common case, appended in bulk
      out.append(s).append('"');
      return;
    }
    int start = 0;
    for (int i = first; i < n; i++) {
      char c = s.charAt(i);
      if (plain(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      out.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
    }
    out.append(s, start, n).append('"');
  }

  private static boolean plain(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
  }
}
