package dev.notify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.NotificationClient;
import dev.notify.testkit.Await;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child JVM sends 10,000 notifications into an H2 file through a slow channel and is killed
 * with {@code kill -9} part-way; a new client on the same file then delivers every notification
 * whose {@code send} had returned. At-least-once: what the child's channel had delivered but not
 * yet committed as SENT is delivered again, and those duplicates are counted and reported.
 */
class CrashTest {

  @Test
  void everyAcceptedNotificationIsDeliveredAfterAKillDashNine() throws Exception {
    assertThat(crash(true)).as("accepted but never delivered").isEmpty();
  }

  private static Set<String> crash(boolean durable) throws Exception {
    String url = Databases.freshH2Url() + ";FILE_LOCK=FS";
    Process child = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java")
        .getPath(), "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), url,
        "10000", durable ? "durable" : "h2-default")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Set<String> accepted = new HashSet<>();
    Set<String> deliveredByChild = new HashSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        (line.startsWith("A ") ? accepted : deliveredByChild).add(line.substring(2));
        if (accepted.size() == 3000 && line.startsWith("A ")) {
          Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
          assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(3000).hasSizeLessThan(10_000);

    Set<String> deliveredAfter = ConcurrentHashMap.newKeySet();
    ConcurrentHashMap<String, Integer> resent = new ConcurrentHashMap<>();
    try (HikariDataSource pool = Databases.pool(url, 8);
        JdbcNotificationLog log = JdbcNotificationLog.builder(pool).build();
        NotificationClient client = NotificationClient.builder().log(log)
            .channel(new SlowChannel(Duration.ZERO, id -> {
              deliveredAfter.add(id);
              resent.merge(id, 1, Integer::sum);
            })).build()) {
      assertThat(client.channels()).hasSize(1);
      if (durable) {
        Await.atMost(Duration.ofMinutes(3)).until("every accepted notification SENT",
            () -> sentIds(pool).containsAll(accepted));
      } else {
        // what was lost never comes: wait until the log has nothing left to do
        Await.atMost(Duration.ofMinutes(3)).until("nothing left to send",
            () -> activeCount(pool) == 0);
      }
      Set<String> neverDelivered = new HashSet<>(accepted);
      neverDelivered.removeAll(deliveredByChild);
      neverDelivered.removeAll(deliveredAfter);
      Set<String> duplicates = new HashSet<>(deliveredByChild);
      duplicates.retainAll(deliveredAfter);
      System.out.printf("crash (" + (durable ? "WRITE_DELAY 0" : "H2 default write delay")
          + "): accepted %d before kill -9, delivered by the child %d, by the"
          + " new client %d, accepted-never-delivered %d, duplicates %d%n", accepted.size(),
          deliveredByChild.size(), deliveredAfter.size(), neverDelivered.size(),
          duplicates.size());
      assertThat(resent.values()).as("each delivered at most once by the new client")
          .allMatch(n -> n == 1);
      return neverDelivered;
    }
  }

  private static long activeCount(javax.sql.DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT count(*) FROM notify_delivery WHERE active = TRUE")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> sentIds(javax.sql.DataSource ds) {
    Set<String> ids = new HashSet<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT notification_id FROM notify_delivery WHERE state = 'SENT'")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }
}
