package dev.notify.spi.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place for this package's argument checks and messages: every error names its field
 * and the rule, {@code "recipients[0].value: must be a string, was a number"}.
 */
final class Checks {
  /** Lower-case letters, digits, {@code .} and {@code -}; 1 to 64 characters. */
  static final Pattern TYPE_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
  /** How deep a value may nest below its field, as the payload hash allows. */
  static final int MAX_DEPTH = 32;

  private Checks() {
  }

  /**
   * {@return the type id, checked}
   *
   * @throws IllegalArgumentException if it does not match {@link #TYPE_ID}
   */
  static String typeId(@Nullable String typeId) {
    if (typeId == null || !TYPE_ID.matcher(typeId).matches()) {
      throw new IllegalArgumentException("typeId must be 1 to 64 lower-case letters, digits, '.'"
          + " or '-', starting with a letter or digit: "
          + (typeId == null ? "null" : "'" + typeId + "'"));
    }
    return typeId;
  }

  /** {@return an exception for a field that broke a rule} */
  static IllegalArgumentException fail(String path, String rule) {
    return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + rule);
  }

  /** {@return an exception for a field that broke a rule, with the exception that said so} */
  static IllegalArgumentException fail(String path, String rule, Throwable cause) {
    return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + rule, cause);
  }

  /** {@return the path of a named field below {@code path}} */
  static String field(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** {@return the path of an element below {@code path}} */
  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  /** Rejects a value nested past {@link #MAX_DEPTH}, which is also how a cycle ends. */
  static void depth(String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw fail(path, "is nested deeper than " + MAX_DEPTH + " levels (or contains a cycle)");
    }
  }

  /** {@return what a JSON value is, for messages: "a string", "a number", "an object", …} */
  static String kind(@Nullable Object json) {
    if (json == null) {
      return "null";
    }
    if (json instanceof String) {
      return "a string";
    }
    if (json instanceof Boolean) {
      return "a boolean";
    }
    if (json instanceof Long || json instanceof BigInteger || json instanceof BigDecimal
        || json instanceof Number) {
      return "a number";
    }
    if (json instanceof List<?>) {
      return "an array";
    }
    if (json instanceof Map<?, ?>) {
      return "an object";
    }
    return "a " + json.getClass().getName();
  }
}
