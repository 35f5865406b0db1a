package dev.notify.spi.codec;

import dev.notify.ChannelOptions;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one {@link ChannelOptions} type as a JSON object and reads it back, so that a durable
 * log can store the options of a notification ({@link NotificationCodec}). A channel module that
 * defines options ships a codec for them and registers it through a
 * {@link ChannelOptionsCodecProvider}.
 *
 * <p>Most options are records of plain values, and {@link #ofRecord} writes them without code:
 *
 * <pre>{@code
 * public record WebhookOptions(String event) implements ChannelOptions {
 *   private static final ChannelOptionsCodec<WebhookOptions> CODEC =
 *       ChannelOptionsCodec.ofRecord(WebhookOptions.class, "webhook");
 *
 *   public static ChannelOptionsCodec<WebhookOptions> codec() {
 *     return CODEC;
 *   }
 * }
 * }</pre>
 *
 * <p>A hand-written codec must make {@code decode(encode(o))} an options object with the same
 * payload hash as {@code o} (the engine hashes options component by component), or a resend after
 * a restart is taken for a conflict rather than a duplicate.
 *
 * <p>Threading: both methods are called on whatever thread calls {@code toJson} or
 * {@code fromJson}, concurrently; a codec is immutable, thread-safe and does not block.
 *
 * @param <T> the options type
 */
public interface ChannelOptionsCodec<T extends ChannelOptions> {

  /** {@return the options class this codec writes; notifications hold options by class} */
  Class<T> type();

  /**
   * {@return the stable name under which the options are stored, e.g. {@code "apns"}}: 1 to 64
   * lower-case letters, digits, {@code .} and {@code -}, starting with a letter or digit, and
   * unique among the codecs of a {@link NotificationCodec}. Stored data refers to it, so it never
   * changes once data has been written with it; the class name may.
   */
  String typeId();

  /**
   * Writes the options as a JSON object.
   *
   * @param options the options to write
   * @return the object's fields, whose values are JSON values only: {@code String},
   *     {@code Boolean}, {@code Long} (or {@code Integer}), {@code BigInteger}, {@code Double}
   *     (or {@code Float}), {@code BigDecimal}, {@code List}, {@code Map<String, …>} and
   *     {@code null}; finite numbers only
   */
  Map<String, @Nullable Object> encode(T options);

  /**
   * Reads options that {@link #encode} wrote. The values are those JSON values as read back:
   * unmodifiable {@code Map<String, …>}s and {@code List}s, {@code String}, {@code Boolean},
   * {@code null}, and numbers as {@code Long} (an integer in its range), {@code BigInteger} (a
   * larger integer) or {@code BigDecimal} (a number with a fraction or exponent, exactly as
   * written; {@code doubleValue()} gives back the double that was written; a negative zero,
   * which {@code BigDecimal} cannot hold, is the {@code Double -0.0}). Treat numbers as
   * {@link Number}.
   *
   * @param json the object's fields
   * @return the options, built through their constructor or builder so that their checks apply
   * @throws IllegalArgumentException naming the field and the rule it broke
   */
  T decode(Map<String, @Nullable Object> json);

  /**
   * Returns a codec that writes a record by its components, each as a field named after it, and
   * reads it back through the canonical constructor (so the record's checks apply).
   *
   * <p>Component types: {@code String}; {@code boolean}, {@code char} and the primitive number
   * types, boxed or not; {@code BigInteger} and {@code BigDecimal} (exactly, with their scale);
   * enums (by {@code name()}); {@code Instant} and {@code Duration} (ISO-8601 text);
   * {@code List}, {@code Set} and {@code Map<String, …>} of these; {@code Optional} of these
   * (empty is {@code null}); nested records of these; and {@code Object} (or a wildcard), for a
   * free-form value, stored with the rules of template variables (see the package
   * documentation). A component may be {@code null} if it is {@code @Nullable} or declared
   * outside {@code @NullMarked} code; otherwise a missing or {@code null} field is an error.
   * Unknown fields are errors too.
   *
   * @param <R> the record type
   * @param recordType the record class; its components and canonical constructor must be
   *     accessible (a public record, or one whose package is open to notify)
   * @param typeId the stable name under which the options are stored (see {@link #typeId()})
   * @return the codec, immutable and thread-safe
   * @throws IllegalArgumentException if the type id is malformed, or a component has a type this
   *     codec cannot represent (arrays, raw or generic types, maps with non-string keys,
   *     {@code Optional<Optional<…>>}, records that contain themselves, other classes), naming
   *     the component and its type
   */
  static <R extends Record & ChannelOptions> ChannelOptionsCodec<R> ofRecord(Class<R> recordType,
      String typeId) {
    return RecordCodec.of(recordType, typeId);
  }
}
