package dev.notify.spi.codec;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One place a value sits in a record (a component, a list element, a map value): its
 * {@link ValueType} and what {@code null} means there.
 *
 * @param type how a present value is written and read
 * @param presence whether the value may be null, must not be, or is an {@code Optional}
 * @param typeName the declared type, for messages
 */
record Slot(ValueType type, Presence presence, String typeName) {

  /** What a missing value is at a slot. */
  enum Presence {
    /** Never null: a missing or {@code null} field is an error. */
    REQUIRED,
    /** {@code @Nullable}, or declared outside {@code @NullMarked} code: null is JSON null. */
    NULLABLE,
    /** An {@code Optional}: empty is JSON null, a missing field reads as empty. */
    OPTIONAL
  }

  /** {@return the JSON value of {@code value}} */
  @Nullable Object encode(@Nullable Object value, String path, int depth) {
    Object present = value;
    if (presence == Presence.OPTIONAL) {
      present = value == null ? null : ((Optional<?>) value).orElse(null);
      if (present == null) {
        return null;
      }
    }
    if (present == null) {
      if (presence == Presence.REQUIRED) {
        throw Checks.fail(path, "is null, but " + typeName + " is not @Nullable");
      }
      return null;
    }
    Object json = type.encode(present, path, depth);
    if (json == null && presence == Presence.REQUIRED) {
      throw Checks.fail(path, "is written as null (an empty Optional inside it), but "
          + typeName + " is not @Nullable, so it could not be read back");
    }
    return json;
  }

  /**
   * {@return the value of a JSON value}
   *
   * @param present false when the field is missing from its object
   */
  @Nullable Object decode(@Nullable Object json, boolean present, String path, int depth) {
    if (json == null) {
      switch (presence) {
        case OPTIONAL:
          return Optional.empty();
        case NULLABLE:
          return null;
        default:
          throw Checks.fail(path, present ? "must not be null (" + typeName + ")"
              : "is missing (" + typeName + ")");
      }
    }
    Object value = type.decode(json, path, depth);
    return presence == Presence.OPTIONAL ? Optional.of(value) : value;
  }
}
