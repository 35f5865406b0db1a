package dev.notify.spi.codec;

import dev.notify.spi.Redaction;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Values without a declared type (template variables, {@code Object} parts of options): each
 * kind the payload hash accepts becomes the JSON value that reads back with the same hash.
 *
 * <ul>
 *   <li>{@code Integer}, {@code Long}, {@code Short}, {@code Byte} and a {@code BigInteger} in
 *       the long range become {@code Long}; a larger {@code BigInteger} stays one;</li>
 *   <li>a finite {@code Double} stays one (JSON holds its shortest text, which reads back as the
 *       same double);</li>
 *   <li>strings, {@code Character}, {@code UUID}, enums (by name), {@code Locale} (its BCP 47
 *       tag) and {@code java.time} values (ISO-8601) become {@code String}s;</li>
 *   <li>a map becomes a {@code Map<String, …>} whose keys are the hash's text of the keys; a
 *       record becomes the map of its components; a list or an array a {@code List}; a
 *       {@code Set} a {@code List} in the order the hash sorts it; an {@code Optional} its
 *       content or {@code null}.</li>
 * </ul>
 *
 * <p>Refused, because no JSON value reads back with the same hash and text: {@code Float} (its
 * exact value is a double with another text: {@code 0.1f} is {@code 0.10000000149011612}),
 * {@code BigDecimal} (a number with a fraction reads back as a {@code Double}), non-finite
 * numbers, other {@code Number}s and other types.
 */
final class FreeForm {
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private FreeForm() {
  }

  /**
   * {@return the JSON value that stores {@code value}}
   *
   * @param path the field, for messages
   * @throws IllegalArgumentException naming the first part below {@code path} that cannot be
   *     stored with the same hash
   */
  static @Nullable Object normalize(@Nullable Object value, String path) {
    return normalize(value, path, 0);
  }

  /** {@return the value a stored JSON value reads back as: a {@code BigDecimal} is a Double} */
  static @Nullable Object fromJson(@Nullable Object json, String path) {
    if (json instanceof BigDecimal d) {
      double x = d.doubleValue();
      if (!Double.isFinite(x)) {
        throw Checks.fail(path, "is a number beyond the range of a double");
      }
      return x;
    }
    if (json instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(fromJson(list.get(i), Checks.index(path, i)));
      }
      return Collections.unmodifiableList(copy);
    }
    if (json instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, fromJson(v, Checks.field(path, (String) k))));
      return Collections.unmodifiableMap(copy);
    }
    return json;
  }

  private static @Nullable Object normalize(@Nullable Object given, String path, int depth) {
    Checks.depth(path, depth);
    Object v = given;
    while (v instanceof Optional<?> o) {
      v = o.orElse(null);
    }
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number n) {
      return number(n, path);
    }
    String text = text(v);
    if (text != null) {
      return text;
    }
    if (v instanceof Map<?, ?> m) {
      return map(m, path, depth);
    }
    if (v instanceof List<?> l) {
      List<@Nullable Object> list = new ArrayList<>(l.size());
      int i = 0;
      for (Object e : l) {
        list.add(normalize(e, Checks.index(path, i++), depth + 1));
      }
      return list;
    }
    if (v instanceof Set<?> s) {
      return set(s, path, depth);
    }
    if (v.getClass().isArray()) {
      List<@Nullable Object> list = new ArrayList<>();
      for (int i = 0, n = Array.getLength(v); i < n; i++) {
        list.add(normalize(Array.get(v, i), Checks.index(path, i), depth + 1));
      }
      return list;
    }
    if (v instanceof Record r) {
      return record(r, path, depth);
    }
    throw Checks.fail(path, "a " + v.getClass().getName() + " is not supported; use strings,"
        + " numbers, booleans, lists and maps");
  }

  private static Object number(Number n, String path) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof BigInteger i) {
      return i.bitLength() < 64 ? (Object) i.longValue() : i;
    }
    if (n instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw Checks.fail(path, "is " + d + ", not a finite number");
      }
      return d;
    }
    if (n instanceof Float) {
      throw Checks.fail(path, "is a Float, which cannot be stored: it would read back as a Double"
          + " with another text (0.1f is 0.10000000149011612); use a Double or a String");
    }
    if (n instanceof BigDecimal) {
      throw Checks.fail(path, "is a BigDecimal, which cannot be stored: a JSON number with a"
          + " fraction reads back as a Double, another value; use a String to keep its digits,"
          + " or a Double or Long");
    }
    throw Checks.fail(path, "a " + n.getClass().getName() + " is not supported; use Long,"
        + " Integer, Double or BigInteger");
  }

  /** The scalars the hash writes as strings. */
  private static @Nullable String text(Object v) {
    return CanonicalText.scalar(v);
  }

  private static Map<String, @Nullable Object> map(Map<?, ?> m, String path, int depth) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = key(e.getKey(), path);
      if (map.containsKey(key)) {
        throw Checks.fail(path, "has two keys that read as '" + Redaction.mask(key) + "'");
      }
      map.put(key, normalize(e.getValue(), Checks.field(path, key), depth + 1));
    }
    return map;
  }

  private static String key(@Nullable Object k, String path) {
    if (k instanceof String s) {
      return s;
    }
    if (k == null) {
      throw Checks.fail(path, "has a null key");
    }
    if (k instanceof Boolean) {
      return k.toString();
    }
    String name = k instanceof Number n ? CanonicalText.number(n) : text(k);
    if (name == null) {
      throw Checks.fail(path, "has a key of type " + k.getClass().getName()
          + ", which is not supported; use string keys");
    }
    return name;
  }

  /** The hash sorts a set by its elements' canonical text; the list keeps that order. */
  private static List<@Nullable Object> set(Set<?> s, String path, int depth) {
    List<Sorted> sorted = new ArrayList<>(s.size());
    int i = 0;
    for (Object e : s) {
      Object element = normalize(e, Checks.index(path, i++), depth + 1);
      sorted.add(new Sorted(CanonicalText.of(element), element));
    }
    sorted.sort(Comparator.comparing(Sorted::text));
    List<@Nullable Object> list = new ArrayList<>(sorted.size());
    for (Sorted e : sorted) {
      list.add(e.value());
    }
    return list;
  }

  private static Map<String, @Nullable Object> record(Record r, String path, int depth) {
    Shape shape = SHAPES.get(r.getClass());
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (int i = 0; i < shape.names.length; i++) {
      String field = Checks.field(path, shape.names[i]);
      Object component;
      try {
        component = shape.accessors[i].invoke(r);
      } catch (IllegalAccessException e) {
        throw Checks.fail(path, "is a " + r.getClass().getName() + " whose components cannot be"
            + " read; make the record public or open its package", e);
      } catch (InvocationTargetException e) {
        throw Checks.fail(field, "could not be read: " + e.getCause(), e);
      }
      map.put(shape.names[i], normalize(component, field, depth + 1));
    }
    return map;
  }

  private record Sorted(String text, @Nullable Object value) {
  }

  /** A record class's components, in declaration order, with their accessors. */
  private record Shape(String[] names, Method[] accessors) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      String[] names = new String[components.length];
      Method[] accessors = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        accessors[i] = components[i].getAccessor();
        accessors[i].trySetAccessible();
      }
      return new Shape(names, accessors);
    }
  }
}
