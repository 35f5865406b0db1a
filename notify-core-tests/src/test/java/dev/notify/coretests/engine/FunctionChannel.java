package dev.notify.coretests.engine;

import dev.notify.ChannelType;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/** A channel whose send is a function: for tests that need a provider to misbehave in one way. */
final class FunctionChannel implements Channel {
  private final String name;
  private final ChannelType type;
  private final BiFunction<Delivery, ChannelContext, CompletionStage<DeliveryResult>> send;
  private final Runnable onClose;

  FunctionChannel(String name, ChannelType type,
      BiFunction<Delivery, ChannelContext, CompletionStage<DeliveryResult>> send, Runnable onClose) {
    this.name = name;
    this.type = type;
    this.send = send;
    this.onClose = onClose;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChannelType type() {
    return type;
  }

  @Override
  public void validate(OutboundMessage message) {
  }

  @Override
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    return send.apply(delivery, context);
  }

  @Override
  public void close() {
    onClose.run();
  }
}
