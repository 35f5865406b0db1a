package dev.notify.bench.jmh;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.codec.NotificationCodec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building and validating a {@link Notification} (what its builder checks), and {@link
 * NotificationCodec} writing and reading it as JSON (what a durable log stores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NotificationBenchmark {
  private NotificationCodec codec;
  private Notification notification;
  private String json;

  /** Prepares one notification and its JSON. */
  @Setup
  public void setUp() {
    codec = NotificationCodec.discovered();
    notification = build();
    json = codec.toJson(notification);
  }

  private static Notification build() {
    return Notification.builder().id("order-shipped-42")
        .to(Recipient.email("ada@example.com"), Recipient.user("42")).category("orders")
        .subject("Your order shipped").text("Hi Ada, order A-42 shipped and arrives Tuesday.")
        .data(Map.of("order", "A-42", "carrier", "DHL")).metadata("tenant", "shop-1").build();
  }

  /** {@return a new notification, built and validated} */
  @Benchmark
  public Notification buildAndValidate() {
    return build();
  }

  /** {@return the notification as JSON} */
  @Benchmark
  public String codecToJson() {
    return codec.toJson(notification);
  }

  /** {@return the notification read from JSON} */
  @Benchmark
  public Notification codecFromJson() {
    return codec.fromJson(json);
  }
}
