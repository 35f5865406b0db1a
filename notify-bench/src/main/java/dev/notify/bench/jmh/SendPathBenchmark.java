package dev.notify.bench.jmh;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code NotificationClient.send} with a channel that answers SENT at once, for a small and a
 * large content. The three content walks at send (the size check, the payload hash and the
 * storability check: {@code Sizes}, {@code PayloadHash}, {@code Storable} in the engine) are
 * package-private engine code that nothing outside notify-core may call (ArchitectureTest), so
 * they are measured here through the public API: the difference between the two sizes is
 * dominated by the walks over the content's characters (and the copies of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendPathBenchmark {
  /**
   * small: a 21-character text; large: 16,000 characters of text and 8 data values of 400
   * characters (under Limits.maxDataBytes).
   */
  @Param({"small", "large"})
  public String size;

  private NotificationClient client;
  private String text;
  private java.util.Map<String, String> data;
  private long n;

  /** Builds the client. */
  @Setup(Level.Trial)
  public void setUp() {
    text = "small".equals(size) ? "A short message body." : "x".repeat(16_000);
    data = new java.util.HashMap<>();
    if (!"small".equals(size)) {
      for (int i = 0; i < 8; i++) {
        data.put("key" + i, "v".repeat(400));
      }
    }
    client = NotificationClient.builder().channel(new Channel() {
      private final CompletionStage<DeliveryResult> sent =
          CompletableFuture.completedFuture(DeliveryResult.sent(null));

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
      public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
        return sent;
      }
    }).backpressure(dev.notify.policy.Backpressure.block(Duration.ofSeconds(30))).build();
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /**
   * {@return the receipt of one send}: what a caller that floods the client pays per send, the
   * engine's backlog included (BLOCK waits while the lane is full)
   */
  @Benchmark
  public Object send() {
    return client.send(notification());
  }

  /**
   * {@return the final status of one notification} sent into an idle engine and awaited to SENT:
   * one notification's whole trip, hand-offs included, with nothing queued before it
   */
  @Benchmark
  public Object sendToSent() {
    return client.send(notification()).completion().join();
  }

  private Notification notification() {
    long i = n++;
    // 10,000 recipients in turn, as a real send sees: not one recipient's history growing
    return Notification.builder().id("s-" + i)
        .to(Recipient.email("user" + (i % 10_000) + "@example.com"))
        .subject("Hello").text(text).data(data).build();
  }
}
