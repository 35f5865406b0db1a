package dev.notify.coretests.engine;

import dev.notify.ChannelType;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import dev.notify.testkit.RecordingChannel;
import java.util.Map;

/** Found by ServiceLoader in DiscoveryTest; makes recording channels from properties. */
public final class TestChannelProvider implements ChannelProvider {
  @Override
  public String id() {
    return "recording";
  }

  @Override
  public Channel create(String name, Map<String, String> properties) {
    String type = properties.get("type");
    if (type == null) {
      throw new IllegalArgumentException("notify.channel." + name + ".type is required");
    }
    return RecordingChannel.builder(name).type(ChannelType.of(type)).build();
  }
}
