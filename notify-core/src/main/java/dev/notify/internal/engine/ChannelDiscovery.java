package dev.notify.internal.engine;

import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Builds channels from {@code notify.channel.<name>.*} properties with the
 * {@link ChannelProvider}s that {@link ServiceLoader} finds, refusing ambiguity loudly: two
 * providers with one id, a channel without a provider, or a provider that is not there.
 */
public final class ChannelDiscovery {
  private static final String PREFIX = "notify.channel.";

  private ChannelDiscovery() {
  }

  /**
   * Creates one channel per {@code notify.channel.<name>.provider} property.
   *
   * @param properties the properties to read
   * @return the channels by name, in the order their properties were first seen
   * @throws IllegalArgumentException for a missing or unknown provider id, naming the property
   * @throws IllegalStateException when two providers on the class path share one id
   */
  public static Map<String, Channel> discover(Properties properties) {
    Map<String, ChannelProvider> providers = new LinkedHashMap<>();
    for (ChannelProvider p : ServiceLoader.load(ChannelProvider.class)) {
      ChannelProvider other = providers.putIfAbsent(p.id(), p);
      if (other != null) {
        throw new IllegalStateException("two channel providers share the id '" + p.id() + "': "
            + other.getClass().getName() + " and " + p.getClass().getName()
            + "; remove one jar from the class path or register the channel explicitly");
      }
    }
    Map<String, Map<String, String>> byChannel = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(PREFIX)) {
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot > 0) {
          byChannel.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
              .put(rest.substring(dot + 1), properties.getProperty(key));
        }
      }
    }
    Map<String, Channel> channels = new LinkedHashMap<>();
    byChannel.forEach((name, props) -> {
      String id = props.get("provider");
      if (id == null) {
        throw new IllegalArgumentException(PREFIX + name + ".provider is missing; set it to one of "
            + providers.keySet());
      }
      ChannelProvider provider = providers.get(id);
      if (provider == null) {
        throw new IllegalArgumentException(PREFIX + name + ".provider=" + id
            + " matches no provider on the class path; known providers: " + providers.keySet());
      }
      channels.put(name, provider.create(name, Map.copyOf(props)));
    });
    return channels;
  }
}
