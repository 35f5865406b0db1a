package dev.notify.spi.codec;

import dev.notify.ChannelOptions;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Codec providers for the discovery tests. {@link Listed} is in this module's test
 * {@code META-INF/services}; the others are listed only in class loaders the tests make.
 */
final class DiscoveryFixtures {
  private DiscoveryFixtures() {
  }

  /**
   * Options of a channel found on the class path.
   *
   * @param level a level
   */
  public record Found(int level) implements ChannelOptions {
  }

  /**
   * Options of another channel.
   *
   * @param name a name
   */
  public record Other(String name) implements ChannelOptions {
  }

  /** On the test class path: a codec for {@link Found}. */
  public static final class Listed implements ChannelOptionsCodecProvider {
    @Override
    public List<ChannelOptionsCodec<?>> codecs() {
      return List.of(ChannelOptionsCodec.ofRecord(Found.class, "test.found"));
    }
  }

  /** A second codec for {@link Found}, under another type id. */
  public static final class SameType implements ChannelOptionsCodecProvider {
    @Override
    public List<ChannelOptionsCodec<?>> codecs() {
      return List.of(ChannelOptionsCodec.ofRecord(Found.class, "test.found-again"));
    }
  }

  /** A codec for {@link Other} that claims {@link Listed}'s type id. */
  public static final class SameTypeId implements ChannelOptionsCodecProvider {
    @Override
    public List<ChannelOptionsCodec<?>> codecs() {
      return List.of(ChannelOptionsCodec.ofRecord(Other.class, "test.found"));
    }
  }

  /** A codec whose type id is malformed. */
  public static final class BadTypeId implements ChannelOptionsCodecProvider {
    @Override
    public List<ChannelOptionsCodec<?>> codecs() {
      return List.of(new ChannelOptionsCodec<Other>() {
        @Override
        public Class<Other> type() {
          return Other.class;
        }

        @Override
        public String typeId() {
          return "Other";
        }

        @Override
        public Map<String, @Nullable Object> encode(Other options) {
          return Map.of("name", options.name());
        }

        @Override
        public Other decode(Map<String, @Nullable Object> json) {
          return new Other((String) json.get("name"));
        }
      });
    }
  }
}
