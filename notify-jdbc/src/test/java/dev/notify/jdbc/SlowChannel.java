package dev.notify.jdbc;

import dev.notify.ChannelType;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An email channel that takes its time over each send and tells a sink about each notification
 * it has "delivered" (the provider's side: what a recipient would have received).
 */
final class SlowChannel implements BlockingChannel {
  private final Duration latency;
  private final Consumer<String> delivered;

  SlowChannel(Duration latency, Consumer<String> delivered) {
    this.latency = latency;
    this.delivered = delivered;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }

  @Override
  public void validate(OutboundMessage message) {
  }

  @Override
  public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) throws Exception {
    Thread.sleep(latency.toMillis());
    delivered.accept(delivery.message().notificationId());
    return DeliveryResult.sent("pm-" + delivery.id());
  }
}
