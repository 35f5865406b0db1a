package dev.notify.internal.engine;

import dev.notify.InvalidNotificationException;
import dev.notify.spi.codec.CanonicalText;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A canonical JSON writer for {@link PayloadHash}: one text per value, whatever the map's
 * iteration order, the JVM or the library versions. Written by hand rather than with Jackson's
 * generator so that the escaping rules below are ours and cannot change with an upgrade (they are
 * pinned by a golden hash), and so that a lone surrogate is encoded instead of failing.
 *
 * <p>Rules: no whitespace; object keys sorted by {@link String#compareTo}; strings escape
 * {@code "}, {@code \}, {@code \b \t \n \f \r}, other characters below U+0020 and lone surrogates
 * as lower-case {@code \}{@code uXXXX}, and nothing else; numbers by exact value (see
 * {@link #number}).
 *
 * <p>Values ({@link #value}): {@code null} and an empty {@link Optional} are {@code null}, a
 * present {@code Optional} its content; {@link CharSequence} and {@link Character} are strings;
 * {@link Boolean}; {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger},
 * {@link Float}, {@link Double} (finite) and {@link BigDecimal} are numbers; an enum is its name;
 * a {@code java.time} value (Instant, LocalDate, OffsetDateTime, Duration, ZoneId …) is its
 * ISO-8601 {@code toString()} (an Instant's is UTC); {@link UUID} its text; {@link Locale} its
 * BCP 47 tag. A {@link Map} is an object sorted by key (keys are scalars of the kinds above, read
 * as text; two keys with the same text are an error); a {@link List} or an array (also primitive)
 * is a JSON array in order; a {@link Set} is an array sorted by the elements' canonical text; a
 * record is an object of its components. Anything else is rejected, as are a cycle, a value more
 * than {@value #MAX_DEPTH} levels below the root and more than {@value #MAX_VALUES} values in one
 * root. The walk recurses at most {@value #MAX_DEPTH} levels, so it never overflows the stack.
 */
final class CanonicalJson {
  /** How many levels below a root a value may sit: {@code root.a} is level 1. */
  static final int MAX_DEPTH = 32;
  /** How many values one root may hold, counting every nested one (against shared sub-trees). */
  static final int MAX_VALUES = 100_000;
  /** A number whose plain form needs more padding zeros than this is written with an exponent. */
  private static final String SUPPORTED = "use strings, numbers, booleans, lists and maps";
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private StringBuilder out = new StringBuilder(512);
  private boolean needComma;

  // The current walk: its root's name, and per level its container and its path segment (a key
  // or an Integer index), so an error can name the field without building paths as we go.
  private String root = "";
  private int count;
  private final @Nullable Object[] containers = new Object[MAX_DEPTH + 1];
  private final @Nullable Object[] segments = new Object[MAX_DEPTH + 2];

  /** {@return the text written so far} */
  String text() {
    return out.toString();
  }

  CanonicalJson beginObject() {
    separate();
    out.append('{');
    needComma = false;
    return this;
  }

  CanonicalJson endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  CanonicalJson beginArray() {
    separate();
    out.append('[');
    needComma = false;
    return this;
  }

  CanonicalJson endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Writes an object key; the caller writes keys in sorted order. */
  CanonicalJson key(String name) {
    separate();
    quote(name);
    out.append(':');
    needComma = false;
    return this;
  }

  /** Writes a string, or {@code null}. */
  CanonicalJson string(@Nullable String s) {
    separate();
    if (s == null) {
      out.append("null");
    } else {
      quote(s);
    }
    needComma = true;
    return this;
  }

  /**
   * Writes a value of the supported kinds (see the class comment).
   *
   * @param rootName the field the value is, e.g. {@code template.variables}; errors name fields
   *     below it
   * @throws InvalidNotificationException naming the field and the rule it broke
   */
  CanonicalJson value(String rootName, @Nullable Object v) {
    root = rootName;
    count = 0;
    value(v, 0);
    return this;
  }

  private void value(@Nullable Object given, int depth) {
    if (++count > MAX_VALUES) {
      throw new InvalidNotificationException(root,
          "holds more than " + MAX_VALUES + " values, counting nested ones");
    }
    if (depth > MAX_DEPTH) {
      throw invalid(depth, "nested deeper than " + MAX_DEPTH + " levels");
    }
    Object v = given;
    while (v instanceof Optional<?> o) {
      v = o.orElse(null);
    }
    if (v == null) {
      separate();
      out.append("null");
      needComma = true;
      return;
    }
    if (v instanceof Boolean || v instanceof Number) {
      separate();
      out.append(v instanceof Number n ? number(n, depth) : v.toString());
      needComma = true;
      return;
    }
    String text = text(v);
    if (text != null) {
      string(text);
      return;
    }
    for (int i = 0; i < depth; i++) {
      if (containers[i] == v) {
        throw invalid(depth, "contains a cycle (it refers back to " + path(i) + ")");
      }
    }
    containers[depth] = v;
    if (v instanceof Map<?, ?> m) {
      map(m, depth);
    } else if (v instanceof List<?> l) {
      beginArray();
      int i = 0;
      for (Object e : l) {
        segments[depth + 1] = i++;
        value(e, depth + 1);
      }
      endArray();
    } else if (v instanceof Set<?> s) {
      set(s, depth);
    } else if (v.getClass().isArray()) {
      beginArray();
      for (int i = 0, n = Array.getLength(v); i < n; i++) {
        segments[depth + 1] = i;
        value(Array.get(v, i), depth + 1);
      }
      endArray();
    } else if (v instanceof Record r) {
      record(r, depth);
    } else {
      throw unsupported(v, depth);
    }
    containers[depth] = null;
  }

  /** {@return the string form of a scalar written as a JSON string, or null if v is not one} */
  private static @Nullable String text(Object v) {
    return CanonicalText.scalar(v);
  }

  private void map(Map<?, ?> m, int depth) {
    String[] keys = new String[m.size()];
    @Nullable Object[] values = new Object[keys.length];
    int n = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (n == keys.length) { // it grew while we read it
        keys = Arrays.copyOf(keys, 2 * n + 1);
        values = Arrays.copyOf(values, keys.length);
      }
      keys[n] = key(e.getKey(), depth);
      values[n++] = e.getValue();
    }
    // Most maps are small and many already sorted (Content.data, TreeMaps): sort only if needed.
    Integer[] order = null;
    for (int i = 1; i < n && order == null; i++) {
      if (keys[i - 1].compareTo(keys[i]) >= 0) {
        String[] k = keys;
        order = new Integer[n];
        for (int j = 0; j < n; j++) {
          order[j] = j;
        }
        Arrays.sort(order, Comparator.comparing(j -> k[j]));
        for (int j = 1; j < n; j++) {
          if (k[order[j - 1]].equals(k[order[j]])) {
            throw invalid(depth, "has two keys that read as '" + k[order[j]] + "'");
          }
        }
      }
    }
    beginObject();
    for (int i = 0; i < n; i++) {
      int at = order == null ? i : order[i];
      key(keys[at]);
      segments[depth + 1] = keys[at];
      value(values[at], depth + 1);
    }
    endObject();
  }

  /** {@return a map key's text: keys are scalars, read as text} */
  private String key(@Nullable Object k, int depth) {
    if (k instanceof String s) {
      return s;
    }
    if (k == null) {
      throw invalid(depth, "has a null key");
    }
    if (k instanceof Boolean || k instanceof Number) {
      return k instanceof Number n ? number(n, depth) : k.toString();
    }
    String name = text(k);
    if (name == null) {
      throw invalid(depth, "has a key of type " + k.getClass().getName()
          + ", which is not supported; use string keys");
    }
    return name;
  }

  /** A set's iteration order means nothing: its elements are sorted by their canonical text. */
  private void set(Set<?> s, int depth) {
    StringBuilder outer = out;
    boolean outerComma = needComma;
    List<String> elements = new ArrayList<>(s.size());
    int i = 0;
    for (Object e : s) {
      out = new StringBuilder();
      needComma = false;
      segments[depth + 1] = i++;
      value(e, depth + 1);
      elements.add(out.toString());
    }
    out = outer;
    needComma = outerComma;
    elements.sort(Comparator.naturalOrder());
    beginArray();
    for (String e : elements) {
      separate();
      out.append(e);
      needComma = true;
    }
    endArray();
  }

  private void record(Record r, int depth) {
    Shape shape = SHAPES.get(r.getClass());
    beginObject();
    for (int i = 0; i < shape.names.length; i++) {
      key(shape.names[i]);
      segments[depth + 1] = shape.names[i];
      Object component;
      try {
        component = shape.accessors[i].invoke(r);
      } catch (IllegalAccessException e) {
        throw invalid(depth, "is a " + r.getClass().getName() + " whose components cannot be"
            + " read (" + e.getMessage() + "); make the record public or open its package");
      } catch (InvocationTargetException e) {
        throw invalid(depth + 1, "could not be read: " + e.getCause());
      }
      value(component, depth + 1);
    }
    endObject();
  }

  /** The canonical text of a number ({@link CanonicalText#number}), or why it has none. */
  private String number(Number n, int depth) {
    String text = CanonicalText.number(n);
    if (text != null) {
      return text;
    }
    if (n instanceof Double || n instanceof Float) {
      throw invalid(depth, "is " + n + ", not a finite number");
    }
    throw unsupported(n, depth);
  }

  private void separate() {
    if (needComma) {
      out.append(',');
    }
  }

  private void quote(String s) {
    CanonicalText.quote(out, s);
  }

  private InvalidNotificationException unsupported(Object v, int depth) {
    return invalid(depth, "value of type " + v.getClass().getName() + " is not supported; "
        + SUPPORTED);
  }

  private InvalidNotificationException invalid(int depth, String rule) {
    return new InvalidNotificationException(path(depth), rule);
  }

  private String path(int depth) {
    StringBuilder p = new StringBuilder(root);
    for (int i = 1; i <= depth; i++) {
      Object s = segments[i];
      if (s instanceof Integer) {
        p.append('[').append(s).append(']');
      } else {
        p.append('.').append(s);
      }
    }
    return p.toString();
  }

  /** A record class's components, sorted by name, with their accessors. */
  private record Shape(String[] names, Method[] accessors) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Arrays.sort(components, Comparator.comparing(RecordComponent::getName));
      String[] names = new String[components.length];
      Method[] accessors = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        accessors[i] = components[i].getAccessor();
        // A record that is not public (or whose package is not exported) is still read when its
        // package is open to us; if it is not, invoke reports it and the value is rejected.
        accessors[i].trySetAccessible();
      }
      return new Shape(names, accessors);
    }
  }
}
