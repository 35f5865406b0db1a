package dev.notify.spi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text the payload hash writes for a JSON value, as {@code CanonicalJson} in the engine
 * writes it (same escaping, same numbers, sorted keys). It is needed for two things only: a
 * {@code Set} is hashed as an array sorted by its elements' canonical text, so it is stored as a
 * list in that order; and a number used as a map key is hashed as its canonical text, so it is
 * stored as that string. {@code NotificationCodecHashTest} checks the two agree.
 */
final class CanonicalText {
  private static final int MAX_PADDING_ZEROS = 40;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalText() {
  }

  /** {@return the canonical text of a value made of {@link FreeForm}'s normalized kinds} */
  static String of(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  /**
   * {@return a number's canonical text, or null if it has none (not finite, or not one of the
   * number types the hash knows)}
   */
  static @Nullable String number(Number n) {
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

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
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
    }
    out.append('"');
  }
}
