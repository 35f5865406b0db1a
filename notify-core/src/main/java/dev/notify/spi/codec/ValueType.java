package dev.notify.spi.codec;

import dev.notify.spi.Redaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a value of one declared type is written as a JSON value and read back; built for each
 * record component by {@link TypeReader}. Both methods see non-null values only (null is the
 * {@link Slot}'s business); {@code decode} gets what {@link Json} parses.
 */
interface ValueType {
  /** Digits a BigInteger may have: {@code 1e999999999} is short text but a huge number. */
  int MAX_INTEGER_DIGITS = 1000;

  /** {@return the JSON value of a non-null value} */
  @Nullable Object encode(Object value, String path, int depth);

  /** {@return the value of a non-null JSON value} */
  Object decode(Object json, String path, int depth);

  /** The types without parameters. */
  enum Scalar implements ValueType {
    STRING {
      @Override
      public Object decode(Object json, String path, int depth) {
        return string(json, path);
      }
    },
    BOOLEAN {
      @Override
      public Object decode(Object json, String path, int depth) {
        if (json instanceof Boolean) {
          return json;
        }
        throw mismatch(path, "a boolean", json);
      }
    },
    CHAR {
      @Override
      public Object encode(Object value, String path, int depth) {
        return value.toString();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        String s = string(json, path);
        if (s.length() != 1) {
          throw Checks.fail(path, "must be a string of one character, has " + s.length());
        }
        return s.charAt(0);
      }
    },
    BYTE {
      @Override
      public Object encode(Object value, String path, int depth) {
        return ((Number) value).longValue();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        return (byte) integer(json, path, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
      }
    },
    SHORT {
      @Override
      public Object encode(Object value, String path, int depth) {
        return ((Number) value).longValue();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        return (short) integer(json, path, Short.MIN_VALUE, Short.MAX_VALUE, "short");
      }
    },
    INT {
      @Override
      public Object encode(Object value, String path, int depth) {
        return ((Number) value).longValue();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        return (int) integer(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
      }
    },
    LONG {
      @Override
      public Object decode(Object json, String path, int depth) {
        return integer(json, path, Long.MIN_VALUE, Long.MAX_VALUE, "long");
      }
    },
    /** As the decimal text of {@link Float#toString}, which reads back as the same float. */
    FLOAT {
      @Override
      public Object encode(Object value, String path, int depth) {
        float f = (Float) value;
        if (!Float.isFinite(f)) {
          throw Checks.fail(path, "is " + f + ", which JSON cannot hold; use a finite number");
        }
        // BigDecimal has no negative zero; -0.0f widens exactly to the Double -0.0
        return f == 0 && 1 / f < 0 ? (Object) (-0.0) : new BigDecimal(Float.toString(f));
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        if (json instanceof Float f) {
          return f;
        }
        float f = json instanceof Double d ? d.floatValue()
            : decimal(json, path).floatValue(); // rounds once, from the written text
        if (!Float.isFinite(f)) {
          throw Checks.fail(path, "is beyond the range of a float");
        }
        return f;
      }
    },
    DOUBLE {
      @Override
      public Object decode(Object json, String path, int depth) {
        if (json instanceof Double d) {
          return d; // -0.0, or a value handed in without JSON in between
        }
        double d = decimal(json, path).doubleValue();
        if (!Double.isFinite(d)) {
          throw Checks.fail(path, "is beyond the range of a double");
        }
        return d;
      }
    },
    BIG_INTEGER {
      @Override
      public Object decode(Object json, String path, int depth) {
        BigDecimal d = decimal(json, path);
        if (d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
          throw Checks.fail(path, "has more than " + MAX_INTEGER_DIGITS + " digits");
        }
        try {
          return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
          throw Checks.fail(path, "must be an integer, has a fraction");
        }
      }
    },
    BIG_DECIMAL {
      @Override
      public Object decode(Object json, String path, int depth) {
        return decimal(json, path);
      }
    },
    INSTANT {
      @Override
      public Object encode(Object value, String path, int depth) {
        return value.toString();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        return instant(string(json, path), path);
      }
    },
    DURATION {
      @Override
      public Object encode(Object value, String path, int depth) {
        return value.toString();
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        String s = string(json, path);
        try {
          return Duration.parse(s);
        } catch (DateTimeParseException e) {
          throw Checks.fail(path, "must be an ISO-8601 duration such as PT1H30M, was '"
              + Redaction.mask(s) + "'");
        }
      }
    },
    /** {@code Object}: a free-form value, with the rules of template variables. */
    ANY {
      @Override
      public @Nullable Object encode(Object value, String path, int depth) {
        return FreeForm.normalize(value, path);
      }

      @Override
      public Object decode(Object json, String path, int depth) {
        return Objects.requireNonNull(FreeForm.fromJson(json, path));
      }
    };

    /** Numbers, strings and booleans are their own JSON values (checked by {@link Json}). */
    @Override
    public @Nullable Object encode(Object value, String path, int depth) {
      if (value instanceof Double d && !Double.isFinite(d)
          || value instanceof Float f && !Float.isFinite(f)) {
        throw Checks.fail(path, "is " + value + ", which JSON cannot hold; use a finite number");
      }
      return value;
    }
  }

  /**
   * An enum, by {@code name()}.
   *
   * @param type the enum class
   */
  record EnumType(Class<?> type) implements ValueType {
    @Override
    public Object encode(Object value, String path, int depth) {
      return ((Enum<?>) value).name();
    }

    @Override
    public Object decode(Object json, String path, int depth) {
      String name = string(json, path);
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
      throw Checks.fail(path, "must be one of " + Arrays.toString(type.getEnumConstants())
          + ", was '" + Redaction.mask(name) + "'");
    }
  }

  /**
   * A {@code List}, as a JSON array.
   *
   * @param element the elements' slot
   */
  record ListType(Slot element) implements ValueType {
    @Override
    public Object encode(Object value, String path, int depth) {
      return elements((Iterable<?>) value, element, path, depth);
    }

    @Override
    public Object decode(Object json, String path, int depth) {
      List<@Nullable Object> list = new ArrayList<>();
      readElements(json, element, path, depth, list);
      return Collections.unmodifiableList(list);
    }
  }

  /**
   * A {@code Set}, as a JSON array in the set's iteration order.
   *
   * @param element the elements' slot
   */
  record SetType(Slot element) implements ValueType {
    @Override
    public Object encode(Object value, String path, int depth) {
      List<@Nullable Object> list = elements((Iterable<?>) value, element, path, depth);
      if (new HashSet<>(list).size() != list.size()) {
        throw Checks.fail(path, "holds elements that are written as the same JSON value, so"
            + " the set would read back smaller");
      }
      return list;
    }

    @Override
    public Object decode(Object json, String path, int depth) {
      Set<@Nullable Object> set = new LinkedHashSet<>();
      readElements(json, element, path, depth, set);
      if (set.size() != ((List<?>) json).size()) {
        throw Checks.fail(path, "holds the same element twice");
      }
      return Collections.unmodifiableSet(set);
    }
  }

  /**
   * A {@code Map<String, …>}, as a JSON object.
   *
   * @param value the values' slot
   */
  record MapType(Slot value) implements ValueType {
    @Override
    public Object encode(Object map, String path, int depth) {
      Checks.depth(path, depth + 1);
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw Checks.fail(path, "has a key that is not a string");
        }
        out.put(key, value.encode(e.getValue(), Checks.field(path, key), depth + 1));
      }
      return out;
    }

    @Override
    public Object decode(Object json, String path, int depth) {
      if (!(json instanceof Map<?, ?> map)) {
        throw mismatch(path, "an object", json);
      }
      Checks.depth(path, depth + 1);
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k,
          value.decode(v, true, Checks.field(path, (String) k), depth + 1)));
      return Collections.unmodifiableMap(out);
    }
  }

  /**
   * A nested record, as a JSON object of its components.
   *
   * @param shape the record's components and constructor
   */
  record RecordType(RecordShape shape) implements ValueType {
    @Override
    public Object encode(Object value, String path, int depth) {
      return shape.encode((Record) value, path, depth + 1);
    }

    @Override
    public Object decode(Object json, String path, int depth) {
      return shape.decode(json, path, depth + 1);
    }
  }

  private static List<@Nullable Object> elements(Iterable<?> values, Slot element, String path,
      int depth) {
    Checks.depth(path, depth + 1);
    List<@Nullable Object> list = new ArrayList<>();
    int i = 0;
    for (Object e : values) {
      list.add(element.encode(e, Checks.index(path, i++), depth + 1));
    }
    return list;
  }

  private static void readElements(Object json, Slot element, String path, int depth,
      Collection<@Nullable Object> into) {
    if (!(json instanceof List<?> list)) {
      throw mismatch(path, "an array", json);
    }
    Checks.depth(path, depth + 1);
    for (int i = 0; i < list.size(); i++) {
      into.add(element.decode(list.get(i), true, Checks.index(path, i), depth + 1));
    }
  }

  private static String string(Object json, String path) {
    if (json instanceof String s) {
      return s;
    }
    throw mismatch(path, "a string", json);
  }

  private static BigDecimal decimal(Object json, String path) {
    if (json instanceof BigDecimal d) {
      return d;
    }
    if (json instanceof Long || json instanceof Integer || json instanceof Short
        || json instanceof Byte) {
      return BigDecimal.valueOf(((Number) json).longValue());
    }
    if (json instanceof Double || json instanceof Float) {
      if (!Double.isFinite(((Number) json).doubleValue())) {
        throw Checks.fail(path, "is " + json + ", not a finite number");
      }
      return new BigDecimal(json.toString()); // the text it would have been written as
    }
    if (json instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    throw mismatch(path, "a number", json);
  }

  private static long integer(Object json, String path, long min, long max, String type) {
    BigDecimal d = decimal(json, path);
    try {
      long v = d.longValueExact();
      if (v >= min && v <= max) {
        return v;
      }
    } catch (ArithmeticException e) {
      // a fraction, or beyond a long: reported below
    }
    throw Checks.fail(path, "must be an integer from " + min + " to " + max + " (" + type
        + "), was " + d);
  }

  private static Instant instant(String s, String path) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw Checks.fail(path, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '"
          + Redaction.mask(s) + "'");
    }
  }

  private static IllegalArgumentException mismatch(String path, String expected, Object json) {
    return Checks.fail(path, "must be " + expected + ", was " + Checks.kind(json));
  }
}
