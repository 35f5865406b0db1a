package dev.notify.spi.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A record class as {@link ChannelOptionsCodec#ofRecord} writes it: its components in
 * declaration order, each with its {@link Slot} and accessor, and its canonical constructor.
 */
final class RecordShape {
  private final Class<?> type;
  private final String[] names;
  private final Slot[] slots;
  private final Method[] accessors;
  private final Constructor<?> constructor;

  RecordShape(Class<?> type, String[] names, Slot[] slots, Method[] accessors,
      Constructor<?> constructor) {
    this.type = type;
    this.names = names;
    this.slots = slots;
    this.accessors = accessors;
    this.constructor = constructor;
  }

  /** {@return the record class} */
  Class<?> type() {
    return type;
  }

  /** {@return the record's fields as JSON values} */
  Map<String, @Nullable Object> encode(Record r, String path, int depth) {
    Checks.depth(path, depth);
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      Object value;
      try {
        value = accessors[i].invoke(r);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("could not read " + type.getName() + "." + names[i], e);
      }
      json.put(names[i], slots[i].encode(value, Checks.field(path, names[i]), depth));
    }
    return json;
  }

  /** {@return the record built from its fields, through the canonical constructor} */
  Object decode(Object json, String path, int depth) {
    if (!(json instanceof Map<?, ?> map)) {
      throw Checks.fail(path, "must be an object, was " + Checks.kind(json));
    }
    Checks.depth(path, depth);
    List<String> known = Arrays.asList(names);
    for (Object key : map.keySet()) {
      if (!known.contains(key)) {
        throw Checks.fail(Checks.field(path, (String) key), "unknown field; "
            + type.getSimpleName() + " has the components " + known);
      }
    }
    @Nullable Object[] args = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      args[i] = slots[i].decode(map.get(names[i]), map.containsKey(names[i]),
          Checks.field(path, names[i]), depth);
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw Checks.fail(path, type.getSimpleName() + " rejected the values: "
          + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName()), cause);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("could not call the constructor of " + type.getName(), e);
    }
  }
}
