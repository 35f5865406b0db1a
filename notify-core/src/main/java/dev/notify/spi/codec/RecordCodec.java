package dev.notify.spi.codec;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link ChannelOptionsCodec#ofRecord}: a record written by its components, as its
 * {@link RecordShape} says, and read back through the canonical constructor.
 *
 * @param <R> the record type
 */
final class RecordCodec<R extends Record & ChannelOptions> implements ChannelOptionsCodec<R> {
  private final Class<R> type;
  private final String typeId;
  private final RecordShape shape;

  private RecordCodec(Class<R> type, String typeId, RecordShape shape) {
    this.type = type;
    this.typeId = typeId;
    this.shape = shape;
  }

  static <R extends Record & ChannelOptions> RecordCodec<R> of(Class<R> recordType,
      String typeId) {
    requireNonNull(recordType, "recordType");
    Checks.typeId(typeId);
    return new RecordCodec<>(recordType, typeId, TypeReader.read(recordType));
  }

  @Override
  public Class<R> type() {
    return type;
  }

  @Override
  public String typeId() {
    return typeId;
  }

  @Override
  public Map<String, @Nullable Object> encode(R options) {
    requireNonNull(options, "options");
    return shape.encode(options, "", 0);
  }

  @Override
  public R decode(Map<String, @Nullable Object> json) {
    requireNonNull(json, "json");
    return type.cast(shape.decode(json, "", 0));
  }

  @Override
  public String toString() {
    return "ChannelOptionsCodec.ofRecord(" + type.getName() + ", \"" + typeId + "\")";
  }
}
