package dev.notify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.notify.LogUnavailableException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.testkit.Await;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole clients (the engine, not only the log) on one PostgreSQL: the same id sent from two
 * instances at once, two instances whose clocks differ by ten minutes, and connections killed
 * with {@code pg_terminate_backend} while notifications are sent.
 */
class PostgresClientsTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  private final String prefix = PostgresServer.freshPrefix();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void theSameIdSentFromTwoInstancesAtOnceIsDeliveredOnce() throws Exception {
    Map<String, Integer> delivered = new ConcurrentHashMap<>();
    NotificationClient a = client(pool("a"), Clock.systemUTC(), delivered);
    NotificationClient b = client(pool("b"), Clock.systemUTC(), delivered);
    int ids = 300;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (NotificationClient c : List.of(a, b, a, b)) {
        done.add(senders.submit(() -> {
          for (int i = 0; i < ids; i++) {
            c.send(notification("same-" + i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }
    Await.atMost(Duration.ofMinutes(1)).until("every id delivered and SENT in the log",
        () -> delivered.size() == ids && countWhere("state = 'SENT'") == ids);
    assertThat(delivered.values()).as("deliveries per id").allMatch(n -> n == 1);
  }

  @Test
  void twoInstancesWhoseClocksDifferByTenMinutesNeitherStealNorStrand() throws Exception {
    Map<String, Integer> delivered = new ConcurrentHashMap<>();
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
    NotificationClient a = client(pool("ahead"), ahead, delivered);
    NotificationClient b = client(pool("now"), Clock.systemUTC(), delivered);
    for (int i = 0; i < 500; i++) {
      a.send(notification("skew-a-" + i));
      b.send(notification("skew-b-" + i));
    }
    Await.atMost(Duration.ofMinutes(1)).until("all 1000 delivered",
        () -> delivered.size() == 1000);
    Await.atMost(Duration.ofMinutes(1)).until("all 1000 SENT in the log",
        () -> countWhere("state = 'SENT'") == 1000);
    assertThat(delivered.values()).as("deliveries per id: none stolen").allMatch(n -> n == 1);
    try (Connection c = pool("check").getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(lease_until) - (extract(epoch from now())"
            + " * 1000000)::bigint FROM " + prefix + "instance")) {
      rs.next();
      long aheadMicros = rs.getLong(1);
      assertThat(aheadMicros).as("leases end by the database's clock, not the skewed one")
          .isLessThanOrEqualTo(Duration.ofSeconds(3).toNanos() / 1000);
    }
  }

  @Test
  void killedConnectionsLoseAndStrandNothing() throws Exception {
    Map<String, Integer> delivered = new ConcurrentHashMap<>();
    NotificationClient client = client(pool("notify-victim"), Clock.systemUTC(), delivered);
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicInteger killed = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    Thread killer = new Thread(() -> {
      try (Connection c = pool("killer").getConnection(); Statement s = c.createStatement()) {
        while (sending.get()) {
          try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM"
              + " pg_stat_activity WHERE application_name = 'notify-victim'")) {
            rs.next();
            killed.addAndGet(rs.getInt(1));
          }
          Thread.sleep(150);
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "pg-killer");
    killer.start();
    int count = 2000;
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(senders.submit(() -> {
          for (int i = thread; i < count; i += 8) {
            Notification n = notification("kill-" + i);
            while (true) {
              try {
                client.send(n);
                break;
              } catch (LogUnavailableException e) {
                retries.incrementAndGet(); // transient and ambiguous: send again, same id
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }
    Await.atMost(Duration.ofSeconds(30)).until("connections killed meanwhile",
        () -> killed.get() > 0);
    sending.set(false);
    killer.join();
    try {
      Await.atMost(Duration.ofMinutes(2)).until("every notification delivered",
          () -> delivered.size() == count);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; some not delivered, as stored: "
          + undelivered(delivered, count), e);
    }
    Await.atMost(Duration.ofMinutes(1)).until("nothing left unfinished",
        () -> countWhere("active = TRUE") == 0);
    assertThat(countSent()).isEqualTo(count);
    long duplicates = delivered.values().stream().filter(n -> n > 1).count();
    System.out.printf("pg_terminate_backend: %d backends killed, %d sends retried, %d of %d"
        + " delivered twice or more%n", killed.get(), retries.get(), duplicates, count);
  }

  private String undelivered(Map<String, Integer> delivered, int count) {
    StringBuilder out = new StringBuilder();
    try (Connection c = pool("diagnose").getConnection(); Statement s = c.createStatement()) {
      for (int i = 0, shown = 0; i < count && shown < 10; i++) {
        if (!delivered.containsKey("kill-" + i)) {
          shown++;
          try (ResultSet rs = s.executeQuery("SELECT id, state, owner, lease_seq, due_at FROM "
              + prefix + "delivery WHERE notification_id = 'kill-" + i + "'")) {
            out.append(rs.next() ? rs.getString(1) + " " + rs.getString(2) + " owner="
                + rs.getString(3) + " seq=" + rs.getLong(4) : "kill-" + i + " not stored");
            out.append("; ");
          }
        }
      }
    } catch (SQLException e) {
      out.append(e);
    }
    return out.toString();
  }

  private HikariDataSource pool(String applicationName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresServer.url());
    config.setMaximumPoolSize(6);
    config.setMinimumIdle(0);
    config.addDataSourceProperty("ApplicationName", applicationName);
    HikariDataSource pool = new HikariDataSource(config);
    open.add(pool);
    return pool;
  }

  private NotificationClient client(HikariDataSource pool, Clock clock,
      Map<String, Integer> delivered) {
    JdbcNotificationLog log = JdbcNotificationLog.builder(pool).tablePrefix(prefix).build();
    open.add(log);
    NotificationClient client = NotificationClient.builder().log(log).clock(clock)
        .channel(new SlowChannel(Duration.ZERO, id -> delivered.merge(id, 1, Integer::sum)))
        .lease(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).build();
    open.add(client);
    return client;
  }

  private static Notification notification(String id) {
    return Notification.builder().id(id).to(Recipient.email(id + "@example.com"))
        .title("Hello").body("Body of " + id).build();
  }

  private long countSent() throws SQLException {
    return countWhere("state = 'SENT'");
  }

  private long countWhere(String condition) {
    try (Connection c = pool("count").getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "delivery WHERE "
            + condition)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
