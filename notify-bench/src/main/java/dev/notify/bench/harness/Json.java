package dev.notify.bench.harness;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls as JSON, indented two spaces. A
 * non-finite number is written as {@code null} (JSON has no NaN).
 */
public final class Json {
  private Json() {
  }

  /**
   * {@return the JSON text of a value}
   *
   * @param value a map, list, string, number, boolean, double[] or null
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        out.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+(e|$)", "$1"));
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      container(map.entrySet().iterator(), '{', '}', out, indent, (e, inner) -> {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
        string(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
      });
    } else if (value instanceof List<?> list) {
      container(list.iterator(), '[', ']', out, indent, (e, inner) -> write(e, out, inner));
    } else if (value instanceof double[] array) {
      write(java.util.Arrays.stream(array).boxed().toList(), out, indent);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private interface Element {
    void write(Object element, String indent);
  }

  private static void container(Iterator<?> items, char open, char close, StringBuilder out,
      String indent, Element element) {
    if (!items.hasNext()) {
      out.append(open).append(close);
      return;
    }
    String inner = indent + "  ";
    out.append(open);
    while (items.hasNext()) {
      out.append('\n').append(inner);
      element.write(items.next(), inner);
      if (items.hasNext()) {
        out.append(',');
      }
    }
    out.append('\n').append(indent).append(close);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
