package dev.notify.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.Backpressure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link CrashTest} kills: sends notifications from four threads into an H2 file
 * database through a slow channel, printing {@code A <id>} once {@code send} returned (the record
 * is committed) and {@code S <id>} when the channel delivered it. Runs until killed.
 */
public final class CrashChild {
  private CrashChild() {
  }

  /**
   * Runs the child.
   *
   * @param args the H2 URL, how many notifications to send, and {@code durable} or
   *     {@code h2-default} (leave H2's write delay as it is)
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    Object lock = new Object();
    HikariDataSource pool = Databases.pool(url, 8);
    JdbcNotificationLog log = JdbcNotificationLog.builder(pool)
        .durableH2Commits(!"h2-default".equals(args[2])).build();
    NotificationClient client = NotificationClient.builder().log(log)
        .channel(new SlowChannel(Duration.ofMillis(5), id -> print(out, lock, "S " + id)))
        .backpressure(Backpressure.spill()).lease(Duration.ofSeconds(2)).build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      senders.execute(() -> {
        for (int i; (i = next.getAndIncrement()) < count; ) {
          String id = "crash-" + i;
          client.send(Notification.builder().id(id)
              .to(Recipient.email("user" + i + "@example.com"))
              .title("Order " + i).body("Your order " + i + " shipped").build());
          print(out, lock, "A " + id);
        }
      });
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void print(PrintStream out, Object lock, String line) {
    synchronized (lock) {
      out.println(line);
      out.flush();
    }
  }
}
