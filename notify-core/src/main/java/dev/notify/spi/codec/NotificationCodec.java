package dev.notify.spi.codec;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.Notification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Notification} as JSON text and reads it back, for a durable
 * {@link dev.notify.spi.log.NotificationLog}: every field round-trips, and the notification read
 * back has the same payload hash, so a resend after a restart is still a duplicate. The package
 * documentation states the format and which values come back as what.
 *
 * <pre>{@code
 * NotificationCodec codec = NotificationCodec.discovered();   // once, then shared
 * String json = codec.toJson(notification);                   // store this
 * Notification back = codec.fromJson(json);                   // read it back
 * }</pre>
 *
 * <p>Options are written by the {@link ChannelOptionsCodec} of their class, under its
 * {@linkplain ChannelOptionsCodec#typeId() type id}. Immutable and thread-safe.
 */
public final class NotificationCodec {
  /** The format version this codec writes as {@code "v"} and the only one it reads. */
  public static final int FORMAT_VERSION = 1;

  private final Map<Class<?>, ChannelOptionsCodec<?>> byType;
  private final Map<String, ChannelOptionsCodec<?>> byTypeId;
  private final NotificationWriter writer;
  private final NotificationReader reader;

  private NotificationCodec(Map<Class<?>, ChannelOptionsCodec<?>> byType) {
    this.byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    Map<String, ChannelOptionsCodec<?>> ids = new LinkedHashMap<>();
    byType.values().forEach(c -> ids.put(c.typeId(), c));
    this.byTypeId = Collections.unmodifiableMap(ids);
    this.writer = new NotificationWriter(this::codecFor);
    this.reader = new NotificationReader(byTypeId::get, typeIds());
  }

  /** {@return a builder without codecs} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a codec with the codecs that {@link ServiceLoader} finds through the thread's
   * context class loader}: the usual way, with each channel module on the class path. Building
   * one loads services, so keep it rather than calling this per notification.
   *
   * @throws IllegalStateException if two discovered codecs claim one options type or one type id
   */
  public static NotificationCodec discovered() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return builder().discover(loader != null ? loader : NotificationCodec.class.getClassLoader())
        .build();
  }

  /**
   * Writes a notification.
   *
   * @param notification the notification
   * @return its JSON text, with {@code "v":1}
   * @throws IllegalArgumentException naming the field when something cannot be stored: options of
   *     a class without a codec ({@code options[com.example.Opts]}), a value its codec cannot
   *     write, or a template variable that would not read back with the same payload hash
   *     ({@code template.variables.price}: a {@code Float}, a {@code BigDecimal}, an unsupported
   *     type)
   */
  public String toJson(Notification notification) {
    return writer.write(requireNonNull(notification, "notification"));
  }

  /**
   * Reads a notification that {@link #toJson} wrote, through {@link Notification#builder()}, so
   * every check of the builder applies.
   *
   * @param json the JSON text
   * @return the notification
   * @throws IllegalArgumentException naming the field and the rule when the text is malformed,
   *     has another format version, an unknown field or type id, or a value the builder or a
   *     codec rejects; addresses and other values are masked in the message
   */
  public Notification fromJson(String json) {
    return reader.read(requireNonNull(json, "json"));
  }

  /** {@return the type ids of the codecs, sorted} */
  public Set<String> typeIds() {
    return Collections.unmodifiableSet(new TreeSet<>(byTypeId.keySet()));
  }

  @Override
  public String toString() {
    return "NotificationCodec[typeIds=" + typeIds() + "]";
  }

  private @Nullable ChannelOptionsCodec<?> codecFor(ChannelOptions options) {
    ChannelOptionsCodec<?> codec = byType.get(options.getClass());
    if (codec == null && options instanceof Enum<?> e) { // a constant with a body
      codec = byType.get(e.getDeclaringClass());
    }
    return codec;
  }

  /**
   * Builds a {@link NotificationCodec} from codecs registered explicitly and codecs found with
   * {@link ServiceLoader}. An explicit codec replaces a discovered one for the same options type;
   * otherwise two codecs for one type, or two with one type id, are an error. Not thread-safe.
   */
  public static final class Builder {
    private final Map<Class<?>, ChannelOptionsCodec<?>> explicit = new LinkedHashMap<>();
    private final List<Found> discovered = new ArrayList<>();
    private final Set<Class<?>> providers = new HashSet<>();

    private Builder() {
    }

    /**
     * Registers a codec.
     *
     * @param codec the codec of one options type
     * @return this builder
     * @throws IllegalArgumentException if its type id is malformed, or another registered codec
     *     has the same options type or type id
     */
    public Builder codec(ChannelOptionsCodec<?> codec) {
      requireNonNull(codec, "codec");
      Class<?> type = checkedType(codec);
      String typeId = Checks.typeId(codec.typeId());
      ChannelOptionsCodec<?> same = explicit.get(type);
      if (same != null) {
        throw new IllegalArgumentException("a codec for " + type.getName() + " is already"
            + " registered (" + same + "); register one codec per options type");
      }
      for (ChannelOptionsCodec<?> other : explicit.values()) {
        if (other.typeId().equals(typeId)) {
          throw new IllegalArgumentException("typeId '" + typeId + "' of " + codec
              + " is already used by " + other + "; give each codec its own typeId");
        }
      }
      explicit.put(type, codec);
      return this;
    }

    /**
     * Adds the codecs of every {@link ChannelOptionsCodecProvider} that {@link ServiceLoader}
     * finds through {@code loader}, each provider class once however often it is found.
     *
     * @param loader where to look for {@code META-INF/services} entries
     * @return this builder
     * @throws IllegalStateException if a provider cannot be loaded or hands out a bad codec
     */
    public Builder discover(ClassLoader loader) {
      requireNonNull(loader, "loader");
      try {
        for (ChannelOptionsCodecProvider p
            : ServiceLoader.load(ChannelOptionsCodecProvider.class, loader)) {
          if (providers.add(p.getClass())) {
            add(p);
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException("could not load a ChannelOptionsCodecProvider: "
            + e.getMessage(), e);
      }
      return this;
    }

    /**
     * {@return the codec}
     *
     * @throws IllegalStateException if two discovered codecs claim one options type, or two
     *     codecs one type id; the message names both and how to choose
     */
    public NotificationCodec build() {
      Map<Class<?>, Found> found = new LinkedHashMap<>();
      for (Found f : discovered) {
        Class<?> type = f.codec().type();
        if (explicit.containsKey(type)) {
          continue; // registered explicitly: that one wins
        }
        Found other = found.putIfAbsent(type, f);
        if (other != null) {
          throw new IllegalStateException("two discovered codecs for " + type.getName() + ": "
              + other + " and " + f + "; remove one of the jars, or choose one with"
              + " NotificationCodec.builder().codec(…)");
        }
      }
      Map<Class<?>, ChannelOptionsCodec<?>> all = new LinkedHashMap<>(explicit);
      Map<String, String> owners = new LinkedHashMap<>();
      explicit.values().forEach(c -> owners.put(c.typeId(), c + " (registered explicitly)"));
      for (Found f : found.values()) {
        String owner = owners.putIfAbsent(f.codec().typeId(), f.toString());
        if (owner != null) {
          throw new IllegalStateException("typeId '" + f.codec().typeId() + "' is used by "
              + owner + " and by " + f + "; type ids must be unique: remove one of the jars or"
              + " register a codec with another typeId for one of the types");
        }
        all.put(f.codec().type(), f.codec());
      }
      return new NotificationCodec(all);
    }

    private void add(ChannelOptionsCodecProvider p) {
      String name = p.getClass().getName();
      List<ChannelOptionsCodec<?>> codecs = p.codecs();
      if (codecs == null) {
        throw new IllegalStateException(name + ".codecs() returned null");
      }
      for (ChannelOptionsCodec<?> c : codecs) {
        if (c == null) {
          throw new IllegalStateException(name + ".codecs() holds null");
        }
        try {
          checkedType(c);
          Checks.typeId(c.typeId());
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(name + " hands out a bad codec: " + e.getMessage(), e);
        }
        discovered.add(new Found(c, name));
      }
    }

    private static Class<?> checkedType(ChannelOptionsCodec<?> codec) {
      Class<?> type = codec.type();
      if (type == null || !ChannelOptions.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException(codec + ": type() must be a ChannelOptions class, was "
            + type);
      }
      return type;
    }
  }

  /** A discovered codec and the provider it came from, for messages. */
  private record Found(ChannelOptionsCodec<?> codec, String provider) {
    @Override
    public String toString() {
      return codec + " (typeId '" + codec.typeId() + "', from " + provider + ")";
    }
  }
}
