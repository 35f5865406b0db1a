/**
 * The serialization contract for stored notifications: {@link NotificationCodec} writes a
 * {@link dev.notify.Notification} as JSON text and reads it back, and each channel module that
 * defines {@link dev.notify.ChannelOptions} ships a {@link ChannelOptionsCodec} for them, found
 * through a {@link ChannelOptionsCodecProvider}.
 *
 * <h2>What a durable log does</h2>
 * A {@link dev.notify.spi.log.NotificationLog} that keeps notifications outside the JVM stores
 * the text of {@link NotificationCodec#toJson} and reads it with
 * {@link NotificationCodec#fromJson}, with one codec built once ({@link NotificationCodec#discovered()},
 * or a builder for explicit codecs). Store the text as it is (a text or {@code json} column): it
 * may hold {@code \}{@code u0000} escapes, which PostgreSQL's {@code jsonb} refuses. A
 * notification {@code toJson} refuses (options without a codec, a value that would not read back
 * with the same payload hash) is refused before anything is stored. The notification read back
 * has every field of the one written and the same payload hash, so the idempotency check still
 * tells a resend (a duplicate) from another notification with the id.
 *
 * <h2>The format</h2>
 * One JSON object; absent parts are left out:
 *
 * <pre>{@code
 * {"v":1,"id":"order-1234","priority":"HIGH","category":"orders",
 *  "recipients":[{"kind":"address","type":"apns","value":"a1…"},{"kind":"user","id":"u-7"},
 *                {"kind":"group","id":"beta"}],
 *  "targets":[{"type":"sms"},{"family":"push"},{"channel":"apns-sandbox"}],
 *  "content":{"title":…,"body":…,"data":{"k":"v"},"subject":…,"text":…,"html":…},
 *  "template":{"id":"order-shipped","locale":"ko-KR","variables":{"n":3}},
 *  "options":{"apns":{"badge":1,…}},
 *  "sendAt":"2026-01-01T09:00:00Z","expiresAt":"2026-01-02T09:00:00Z",
 *  "metadata":{"tenant":"acme"}}
 * }</pre>
 *
 * <p>{@code "v"} is the format version; {@code fromJson} refuses any other, and unknown fields.
 * Options are keyed by their codec's type id, so renaming an options class keeps stored data
 * readable. A channel type is its id ({@link dev.notify.ChannelType#of} gives back built-in and
 * custom types); a locale its BCP 47 tag.
 *
 * <h2>Values come back as JSON values</h2>
 * Template variables, and {@code Object}-typed parts of options written by
 * {@link ChannelOptionsCodec#ofRecord}, have no declared type, so they come back as JSON
 * values: unmodifiable {@code Map<String, …>} and {@code List}, {@code String}, {@code Boolean},
 * {@code Long} (every integer in its range; {@code BigInteger} beyond), {@code Double} (every
 * number with a fraction or exponent) and {@code null}. What goes in:
 *
 * <ul>
 *   <li>{@code Integer}, {@code Short}, {@code Byte}, {@code Long}, {@code BigInteger}, and a
 *       finite {@code Double}: kept by value;</li>
 *   <li>strings, {@code Character}, {@code UUID}, enums (their name), {@code Locale} (its tag),
 *       {@code java.time} values (ISO-8601): {@code String};</li>
 *   <li>maps (keys as text), records (a map of their components), lists and arrays
 *       ({@code List}), a {@code Set} (a {@code List} in the hash's order), an {@code Optional}
 *       (its content, or {@code null}).</li>
 * </ul>
 *
 * <p>Each of these hashes as it did before ({@code dev.notify.internal.engine.PayloadHash} hashes
 * a record like the map of its components and an integer by its value), so the payload hash is
 * equal after a round trip. Refused at {@code toJson}, naming the field, because nothing read
 * back would keep both hash and text: a {@code Float} (its exact value is a double whose text is
 * another: {@code 0.1f} reads back as {@code 0.10000000149011612}), a {@code BigDecimal} (a JSON
 * number with a fraction reads back as a {@code Double}: store a {@code String}, or a
 * {@code Double}), a non-finite number, any other type, an empty {@code Optional} as a
 * variable's own value (a variable cannot be {@code null}), and a map key with a lone UTF-16
 * surrogate (JSON parsers refuse one in a name; in a value it is kept, escaped). Metadata and
 * push data are strings and come back as they are.
 *
 * <h2>For a channel module</h2>
 * Define options as a record and ship {@code ChannelOptionsCodec.ofRecord(MyOptions.class,
 * "my-channel")} through a {@link ChannelOptionsCodecProvider} listed in
 * {@code META-INF/services/dev.notify.spi.codec.ChannelOptionsCodecProvider}. The type id is
 * stored with every notification: never change it.
 */
@NullMarked
package dev.notify.spi.codec;

import org.jspecify.annotations.NullMarked;
