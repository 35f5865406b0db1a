package dev.notify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.IdempotencyConflictException;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.testkit.Await;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox on both databases: a notification written in the caller's transaction
 * is sent after the commit and never after a rollback, with send's validation and idempotency.
 */
class OutboxTest {

  @Test
  void outboxOnH2() throws Exception {
    try (HikariDataSource pool = Databases.freshH2()) {
      run(() -> pool, "notify_");
    }
  }

  @Test
  void outboxOnPostgres() throws Exception {
    try (HikariDataSource pool = PostgresServer.pool(8)) {
      run(() -> pool, PostgresServer.freshPrefix());
    }
  }

  private static void run(Supplier<HikariDataSource> ds, String prefix) throws Exception {
    Map<String, Integer> delivered = new ConcurrentHashMap<>();
    try (JdbcNotificationLog log = JdbcNotificationLog.builder(ds.get()).tablePrefix(prefix)
            .build();
        NotificationClient client = NotificationClient.builder().log(log)
            .channel(new SlowChannel(Duration.ZERO, id -> delivered.merge(id, 1, Integer::sum)))
            .pollInterval(Duration.ofMillis(100)).build()) {
      JdbcOutbox outbox = JdbcOutbox.of(client, log);

      // commit: delivered, and only after the commit
      try (Connection c = ds.get().getConnection()) {
        c.setAutoCommit(false);
        assertThat(outbox.send(notification("committed", "Hello"), c).duplicate()).isFalse();
        assertThat(log.find("committed")).as("invisible before the commit").isEmpty();
        c.commit();
      }
      Await.atMost(Duration.ofSeconds(30)).until("sent after the commit",
          () -> delivered.containsKey("committed"));

      // rollback: no record, nothing delivered; the id is free for a later send
      try (Connection c = ds.get().getConnection()) {
        c.setAutoCommit(false);
        outbox.send(notification("rolled-back", "Hello"), c);
        c.rollback();
      }
      assertThat(log.find("rolled-back")).isEmpty();
      client.send(notification("after-rollback", "Hello"));
      Await.atMost(Duration.ofSeconds(30)).until("a later notification sent",
          () -> delivered.containsKey("after-rollback"));

      // the same id again: a duplicate, stored and sent once; another payload: a conflict
      try (Connection c = ds.get().getConnection()) {
        c.setAutoCommit(false);
        assertThat(outbox.send(notification("committed", "Hello"), c).duplicate()).isTrue();
        assertThatThrownBy(() -> outbox.send(notification("committed", "Other"), c))
            .isInstanceOf(IdempotencyConflictException.class);
        // the caller's transaction is still usable after the outbox refused
        outbox.send(notification("second", "Hello"), c);
        c.commit();
      }
      assertThat(client.send(notification("second", "Hello")).duplicate())
          .as("send sees what the outbox stored").isTrue();
      Await.atMost(Duration.ofSeconds(30)).until("the second sent",
          () -> delivered.containsKey("second"));

      // send's validation: refused before anything is written
      try (Connection c = ds.get().getConnection()) {
        c.setAutoCommit(false);
        assertThatThrownBy(() -> outbox.send(Notification.builder().id("invalid")
            .to(Recipient.email("a@example.com")).build(), c))
            .isInstanceOf(InvalidNotificationException.class);
        c.commit();
        c.setAutoCommit(true);
        assertThatThrownBy(() -> outbox.send(notification("auto", "Hello"), c))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoCommit");
      }
      assertThat(log.find("invalid")).isEmpty();
      assertThat(delivered).doesNotContainKeys("rolled-back", "invalid", "auto");
      assertThat(delivered.get("committed")).isEqualTo(1);
    }
  }

  private static Notification notification(String id, String body) {
    return Notification.builder().id(id).to(Recipient.email(id + "@example.com"))
        .title("Hello").body(body).build();
  }
}
