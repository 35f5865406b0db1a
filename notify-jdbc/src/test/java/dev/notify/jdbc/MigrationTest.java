package dev.notify.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.testkit.log.LogFixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema is created once however many instances start together, on both databases. */
class MigrationTest {

  @Test
  void eightInstancesStartingTogetherOnPostgresMigrateOnce() throws Exception {
    try (HikariDataSource pool = PostgresServer.pool(10)) {
      startTogether(pool, PostgresServer.freshPrefix());
    }
  }

  @Test
  void eightInstancesStartingTogetherOnH2MigrateOnce() throws Exception {
    try (HikariDataSource pool = Databases.freshH2()) {
      startTogether(pool, "notify_");
    }
  }

  @Test
  void aBadTablePrefixIsRefusedWithTheRule() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> JdbcNotificationLog.builder(new org.h2.jdbcx.JdbcDataSource()).tablePrefix("x;--"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tablePrefix").hasMessageContaining("x;--");
  }

  private static void startTogether(DataSource ds, String prefix) throws Exception {
    List<JdbcNotificationLog> logs = new ArrayList<>(LogFixtures.runConcurrently(8,
        i -> JdbcNotificationLog.builder(ds).tablePrefix(prefix).build()));
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, script FROM " + prefix
            + "schema_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("V1__log.sql");
      assertThat(rs.next()).as("one row per version").isFalse();
    }
    logs.get(3).append(LogFixtures.notification("n1")
        .delivery("email", dev.notify.status.DeliveryState.QUEUED, LogFixtures.T0).build());
    assertThat(logs.get(5).find("n1")).isPresent();
    logs.forEach(JdbcNotificationLog::close);
  }
}
