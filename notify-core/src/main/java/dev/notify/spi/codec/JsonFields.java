package dev.notify.spi.codec;

import dev.notify.spi.Redaction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object being read by {@link NotificationReader}, with its path: typed getters whose
 * errors name the field, and a check that the object holds no field it does not know.
 */
final class JsonFields {
  private final Map<String, @Nullable Object> map;
  private final String path;

  private JsonFields(Map<String, @Nullable Object> map, String path) {
    this.map = map;
    this.path = path;
  }

  /**
   * {@return the object at {@code path}}
   *
   * @param allowed the fields it may hold
   */
  static JsonFields of(@Nullable Object json, String path, Set<String> allowed) {
    if (!(json instanceof Map<?, ?>)) {
      throw Checks.fail(path, "must be an object, was " + Checks.kind(json));
    }
    @SuppressWarnings("unchecked") // Json makes every object a Map<String, Object>
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) json;
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw Checks.fail(Checks.field(path, key), "unknown field; expected one of "
            + new TreeSet<>(allowed));
      }
    }
    return new JsonFields(map, path);
  }

  /** {@return the fields, in document order} */
  Map<String, @Nullable Object> map() {
    return map;
  }

  /** {@return the path of one of the fields} */
  String path(String name) {
    return Checks.field(path, name);
  }

  boolean has(String name) {
    return map.get(name) != null;
  }

  @Nullable Object get(String name) {
    return map.get(name);
  }

  String string(String name) {
    Object v = map.get(name);
    if (v == null) {
      throw Checks.fail(path(name), map.containsKey(name) ? "must not be null" : "is missing");
    }
    if (!(v instanceof String s)) {
      throw Checks.fail(path(name), "must be a string, was " + Checks.kind(v));
    }
    return s;
  }

  @Nullable String optionalString(String name) {
    return has(name) ? string(name) : null;
  }

  @Nullable Instant optionalInstant(String name) {
    String s = optionalString(name);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw Checks.fail(path(name), "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z,"
          + " was '" + Redaction.mask(s) + "'");
    }
  }

  List<?> array(String name) {
    Object v = map.get(name);
    if (v instanceof List<?> list) {
      return list;
    }
    throw Checks.fail(path(name), v == null && !map.containsKey(name) ? "is missing"
        : "must be an array, was " + Checks.kind(v));
  }

  /** {@return the entries of an object of strings, or an empty map if it is absent} */
  Map<String, String> strings(String name) {
    if (!has(name)) {
      return Map.of();
    }
    Object v = map.get(name);
    if (!(v instanceof Map<?, ?> m)) {
      throw Checks.fail(path(name), "must be an object, was " + Checks.kind(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, value) -> {
      if (!(value instanceof String s)) {
        throw Checks.fail(Checks.field(path(name), (String) k), "must be a string, was "
            + Checks.kind(value));
      }
      out.put((String) k, s);
    });
    return out;
  }
}
