package dev.notify.spi.codec;

import java.util.List;

/**
 * Hands a channel module's {@link ChannelOptionsCodec}s to
 * {@link NotificationCodec.Builder#discover(ClassLoader)}, which finds providers with
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.notify.spi.codec.ChannelOptionsCodecProvider}.
 *
 * <pre>{@code
 * public final class ApnsOptionsCodecProvider implements ChannelOptionsCodecProvider {
 *   public List<ChannelOptionsCodec<?>> codecs() {
 *     return List.of(ApnsOptions.codec());
 *   }
 * }
 * }</pre>
 *
 * <p>Why a provider rather than loading the codecs themselves: {@code ServiceLoader} instantiates
 * a named class through its public no-argument constructor, and the common codec is not a class
 * of its own but a value made by {@link ChannelOptionsCodec#ofRecord}. A provider lets a module
 * register such values, several of them if it defines several options types, without writing a
 * class per codec, and keeps {@code ChannelOptionsCodec} free of a constructor rule.
 *
 * <p>Threading: {@link #codecs()} is called once per discovery, on the thread that calls
 * {@code discover}; it must not block.
 */
public interface ChannelOptionsCodecProvider {

  /** {@return the codecs of this module, one per options type} */
  List<ChannelOptionsCodec<?>> codecs();
}
