package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.RateLimit;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel that states its provider's throughput ({@link Channel#throughput()}) paces its lane. */
class ChannelThroughputTest {
  private final ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-15T14:00:00Z"));
  private final RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS)
      .build();

  /** The recording channel, saying it may send one message a second. */
  private final Channel paced = new Channel() {
    @Override
    public String name() {
      return sms.name();
    }

    @Override
    public ChannelType type() {
      return sms.type();
    }

    @Override
    public void validate(OutboundMessage message) {
      sms.validate(message);
    }

    @Override
    public void start(ChannelContext context) {
      sms.start(context);
    }

    @Override
    public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
      return sms.send(delivery, context);
    }

    @Override
    public Optional<RateLimit> throughput() {
      return Optional.of(RateLimit.perSecond(1));
    }
  };

  @AfterEach
  void close() {
    time.close();
  }

  private List<SendReceipt> sendFour(NotificationClient client) {
    List<SendReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      receipts.add(client.send(Notification.builder().id("pace-" + i)
          .to(Recipient.phone("+1415555020" + i)).body("b").build()));
    }
    return receipts;
  }

  @Test
  void aChannelsOwnThroughputPacesItsLane() {
    try (NotificationClient client = NotificationClient.builder().channel(paced)
        .clock(time.clock()).scheduler(time).build()) {
      List<SendReceipt> receipts = sendFour(client);
      for (int n = 1; n <= 4; n++) {
        sms.awaitSends(n, WAIT);
        assertThat(sms.sendCount()).as("sent by %s", time.now()).isEqualTo(n);
        time.advance(Duration.ofSeconds(1));
      }
      assertThat(receipts).allSatisfy(r -> assertThat(finalStatus(r).isSent()).isTrue());
    }
  }

  @Test
  void theClientBuildersThroughputOverridesTheChannels() {
    try (NotificationClient client = NotificationClient.builder().channel(paced)
        .throughput("sms", RateLimit.perSecond(100)).clock(time.clock()).scheduler(time)
        .build()) {
      List<SendReceipt> receipts = sendFour(client);
      sms.awaitSends(4, WAIT);
      assertThat(time.now()).as("no tick of the clock was needed")
          .isEqualTo(Instant.parse("2026-01-15T14:00:00Z"));
      assertThat(receipts).allSatisfy(r -> assertThat(finalStatus(r).isSent()).isTrue());
    }
  }
}
