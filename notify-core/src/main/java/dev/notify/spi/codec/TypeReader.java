package dev.notify.spi.codec;

import dev.notify.spi.codec.Slot.Presence;
import dev.notify.spi.codec.ValueType.Scalar;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NonNull;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record class into a {@link RecordShape} for {@link ChannelOptionsCodec#ofRecord},
 * refusing, with the component and its type, whatever it cannot write and read back exactly.
 */
final class TypeReader {
  private static final Map<Class<?>, Scalar> SCALARS = Map.ofEntries(
      Map.entry(String.class, Scalar.STRING),
      Map.entry(boolean.class, Scalar.BOOLEAN), Map.entry(Boolean.class, Scalar.BOOLEAN),
      Map.entry(char.class, Scalar.CHAR), Map.entry(Character.class, Scalar.CHAR),
      Map.entry(byte.class, Scalar.BYTE), Map.entry(Byte.class, Scalar.BYTE),
      Map.entry(short.class, Scalar.SHORT), Map.entry(Short.class, Scalar.SHORT),
      Map.entry(int.class, Scalar.INT), Map.entry(Integer.class, Scalar.INT),
      Map.entry(long.class, Scalar.LONG), Map.entry(Long.class, Scalar.LONG),
      Map.entry(float.class, Scalar.FLOAT), Map.entry(Float.class, Scalar.FLOAT),
      Map.entry(double.class, Scalar.DOUBLE), Map.entry(Double.class, Scalar.DOUBLE),
      Map.entry(BigInteger.class, Scalar.BIG_INTEGER),
      Map.entry(BigDecimal.class, Scalar.BIG_DECIMAL),
      Map.entry(Instant.class, Scalar.INSTANT), Map.entry(Duration.class, Scalar.DURATION),
      Map.entry(Object.class, Scalar.ANY));
  private static final String SUPPORTED = "supported: String, boolean, char, the number types"
      + " (boxed or not), BigInteger, BigDecimal, enums, Instant, Duration, List, Set,"
      + " Map<String, …>, Optional, records and Object";

  private final Class<?> root;
  /** The records being read, outermost first: a record inside itself is refused. */
  private final List<Class<?>> open = new ArrayList<>();

  private TypeReader(Class<?> root) {
    this.root = root;
  }

  /**
   * {@return the shape of a record class}
   *
   * @throws IllegalArgumentException naming the first component it cannot represent
   */
  static RecordShape read(Class<?> recordType) {
    return new TypeReader(recordType).shape(recordType);
  }

  private RecordShape shape(Class<?> type) {
    if (!type.isRecord()) {
      throw refuse(type.getName(), type.getName() + " is not a record");
    }
    if (type.getTypeParameters().length > 0) {
      throw refuse(type.getName(), "a generic record is not supported; give it concrete types");
    }
    if (open.contains(type)) {
      throw refuse(type.getName(), type.getSimpleName() + " contains itself, which is not"
          + " supported");
    }
    open.add(type);
    RecordComponent[] components = type.getRecordComponents();
    String[] names = new String[components.length];
    Slot[] slots = new Slot[components.length];
    Method[] accessors = new Method[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean marked = nullMarked(type);
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      names[i] = c.getName();
      types[i] = c.getType();
      accessors[i] = c.getAccessor();
      slots[i] = slot(c.getAnnotatedType(), marked, type.getSimpleName() + "." + c.getName());
      if (!accessors[i].trySetAccessible()) {
        throw refuse(type.getSimpleName() + "." + c.getName(), "its accessor cannot be called;"
            + " make " + type.getName() + " public or open its package");
      }
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record without its canonical constructor: " + type, e);
    }
    if (!constructor.trySetAccessible()) {
      throw refuse(type.getName(), "its canonical constructor cannot be called; make it public"
          + " or open its package");
    }
    open.remove(type);
    return new RecordShape(type, names, slots, accessors, constructor);
  }

  private Slot slot(AnnotatedType at, boolean marked, String where) {
    Type t = at.getType();
    Class<?> raw = raw(t, where);
    if (raw == Optional.class) {
      if (at.isAnnotationPresent(Nullable.class)) {
        throw refuse(where, "a @Nullable Optional is not supported: null and empty would both"
            + " be JSON null; use the Optional alone");
      }
      Slot inner = slot(argument(at, 0, where), marked, where);
      if (inner.presence() == Presence.OPTIONAL) {
        throw refuse(where, "Optional<Optional<…>> is not supported: an empty inner Optional"
            + " could not be told apart from an empty outer one");
      }
      return new Slot(inner.type(), Presence.OPTIONAL, t.getTypeName());
    }
    Presence presence;
    if (raw.isPrimitive() || at.isAnnotationPresent(NonNull.class)) {
      presence = Presence.REQUIRED;
    } else if (at.isAnnotationPresent(Nullable.class) || !marked) {
      presence = Presence.NULLABLE;
    } else {
      presence = Presence.REQUIRED;
    }
    return new Slot(type(at, raw, marked, where), presence, t.getTypeName());
  }

  private ValueType type(AnnotatedType at, Class<?> raw, boolean marked, String where) {
    Scalar scalar = SCALARS.get(raw);
    if (scalar != null) {
      return scalar;
    }
    if (raw.isEnum()) {
      return new ValueType.EnumType(raw);
    }
    if (raw == List.class) {
      return new ValueType.ListType(slot(argument(at, 0, where), marked, where + "[]"));
    }
    if (raw == Set.class) {
      return new ValueType.SetType(slot(argument(at, 0, where), marked, where + "[]"));
    }
    if (raw == Map.class) {
      AnnotatedType key = argument(at, 0, where);
      if (key.getType() != String.class) {
        throw refuse(where, "a Map's keys must be String, not " + key.getType().getTypeName());
      }
      return new ValueType.MapType(slot(argument(at, 1, where), marked, where + "{}"));
    }
    if (raw.isRecord()) {
      return new ValueType.RecordType(shape(raw));
    }
    if (raw.isArray()) {
      throw refuse(where, "an array (" + raw.getTypeName() + ") is not supported; use a List");
    }
    throw refuse(where, raw.getName() + " is not supported; " + SUPPORTED);
  }

  /** {@return the class of a declared type; a wildcard stands for its upper bound} */
  private Class<?> raw(Type t, String where) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      if (c != List.class && c != Set.class && c != Map.class && c != Optional.class) {
        throw refuse(where, t.getTypeName() + " is not supported; " + SUPPORTED);
      }
      return c;
    }
    throw refuse(where, "the type " + t.getTypeName() + " is not supported: give it a concrete"
        + " type (no type variables, wildcards with lower bounds or generic arrays)");
  }

  /** {@return a type argument; {@code ?} is Object, {@code ? extends X} is X} */
  private AnnotatedType argument(AnnotatedType at, int i, String where) {
    if (!(at instanceof AnnotatedParameterizedType p)) {
      throw refuse(where, "the raw type " + at.getType().getTypeName() + " is not supported;"
          + " give it type arguments");
    }
    AnnotatedType arg = p.getAnnotatedActualTypeArguments()[i];
    if (arg instanceof AnnotatedWildcardType w) {
      if (w.getAnnotatedLowerBounds().length > 0) {
        throw refuse(where, "the wildcard " + w.getType().getTypeName() + " is not supported");
      }
      return w.getAnnotatedUpperBounds()[0];
    }
    return arg;
  }

  /** {@return true when null-marked: the nearest of class, enclosing classes, package says so} */
  private static boolean nullMarked(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      Boolean marked = marked(c);
      if (marked != null) {
        return marked;
      }
    }
    Boolean marked = type.getPackage() == null ? null : marked(type.getPackage());
    if (marked == null) {
      marked = marked(type.getModule());
    }
    return marked != null && marked;
  }

  private static @Nullable Boolean marked(AnnotatedElement e) {
    if (e.isAnnotationPresent(NullUnmarked.class)) {
      return false;
    }
    return e.isAnnotationPresent(NullMarked.class) ? true : null;
  }

  private IllegalArgumentException refuse(String where, String rule) {
    return new IllegalArgumentException("ofRecord(" + root.getName() + "): " + where + ": "
        + rule);
  }
}
