package dev.notify.jdbc;

import static dev.notify.testkit.log.LogFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.Transition;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import dev.notify.testkit.Await;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each with its own log object and pool, on one PostgreSQL share 20,000 due
 * deliveries on the database's clock. While both live no delivery is claimed by both; when one
 * stops abruptly, holding claims, the other takes them over once the lease has expired, and the
 * stale owner's fence is refused.
 */
class TwoInstancesTest {
  private static final int DELIVERIES = 20_000;
  private static final Duration LEASE = Duration.ofSeconds(3);

  @Test
  void twoInstancesShareTheWorkAndOneTakesOverWhenTheOtherDies() throws Exception {
    String prefix = PostgresServer.freshPrefix();
    try (HikariDataSource poolA = PostgresServer.pool(4);
        HikariDataSource poolB = PostgresServer.pool(4);
        JdbcNotificationLog a = JdbcNotificationLog.builder(poolA).tablePrefix(prefix).build();
        JdbcNotificationLog b = JdbcNotificationLog.builder(poolB).tablePrefix(prefix).build()) {
      List<NotificationRecord> batch = new ArrayList<>();
      for (int i = 0; i < DELIVERIES; i++) {
        batch.add(notification("n" + i).delivery("email", DeliveryState.QUEUED, Instant.EPOCH)
            .build());
        if (batch.size() == 1000) {
          a.appendAll(batch);
          batch.clear();
        }
      }
      Map<String, String> claimedBy = new ConcurrentHashMap<>();
      Set<String> claimedTwice = ConcurrentHashMap.newKeySet();
      Map<String, String> sentBy = new ConcurrentHashMap<>();
      AtomicInteger sentTwice = new AtomicInteger();
      AtomicBoolean aDies = new AtomicBoolean();
      List<ClaimedDelivery> heldByDeadA = new ArrayList<>();
      CountDownLatch aDead = new CountDownLatch(1);

      Thread workerA = new Thread(() -> {
        while (true) {
          a.heartbeat("A", LEASE);
          List<ClaimedDelivery> claimed = a.claimDue("email", "A", 100);
          record(claimed, "A", claimedBy, claimedTwice);
          if (aDies.get()) {
            heldByDeadA.addAll(claimed); // stops here: no send, no release, no heartbeat
            aDead.countDown();
            return;
          }
          send(a, claimed, "A", sentBy, sentTwice);
        }
      }, "instance-A");
      AtomicBoolean bStop = new AtomicBoolean();
      Thread workerB = new Thread(() -> {
        while (!bStop.get()) {
          b.heartbeat("B", LEASE);
          List<ClaimedDelivery> claimed = b.claimDue("email", "B", 100);
          record(claimed, "B", claimedBy, claimedTwice);
          send(b, claimed, "B", sentBy, sentTwice);
          if (claimed.isEmpty()) {
            Thread.onSpinWait();
          }
        }
      }, "instance-B");
      workerA.start();
      workerB.start();
      Await.atMost(Duration.ofMinutes(2)).until("half the deliveries sent",
          () -> sentBy.size() >= DELIVERIES / 2);
      aDies.set(true);
      assertThat(aDead.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      assertThat(claimedTwice).as("claimed by both while both were alive").isEmpty();

      Await.atMost(Duration.ofMinutes(2)).until("every delivery sent",
          () -> sentBy.size() == DELIVERIES);
      bStop.set(true);
      workerB.join();

      assertThat(sentTwice.get()).isZero();
      assertThat(heldByDeadA).isNotEmpty();
      for (ClaimedDelivery stranded : heldByDeadA) {
        String id = stranded.delivery().id();
        assertThat(sentBy.get(id)).as("taken over: " + id).isEqualTo("B");
        Fence stale = stranded.delivery().fence().orElseThrow();
        assertThat(a.transition(id, stale, DeliveryUpdate.sending())).as("stale fence").isFalse();
      }
      assertThat(claimedTwice).containsExactlyInAnyOrderElementsOf(
          heldByDeadA.stream().map(c -> c.delivery().id()).toList());
      try (Connection c = poolB.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix
              + "delivery WHERE state = 'SENT'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(DELIVERIES);
      }
      System.out.printf("two instances: A sent %d, B sent %d, B took over %d from A%n",
          sentBy.values().stream().filter("A"::equals).count(),
          sentBy.values().stream().filter("B"::equals).count(), heldByDeadA.size());
    }
  }

  private static void record(List<ClaimedDelivery> claimed, String owner,
      Map<String, String> claimedBy, Set<String> claimedTwice) {
    for (ClaimedDelivery c : claimed) {
      String before = claimedBy.putIfAbsent(c.delivery().id(), owner);
      if (before != null) {
        claimedTwice.add(c.delivery().id());
      }
    }
  }

  private static void send(JdbcNotificationLog log, List<ClaimedDelivery> claimed, String owner,
      Map<String, String> sentBy, AtomicInteger sentTwice) {
    if (claimed.isEmpty()) {
      return;
    }
    List<Transition> sending = new ArrayList<>();
    List<Transition> sent = new ArrayList<>();
    Instant now = Instant.now();
    for (ClaimedDelivery c : claimed) {
      Fence f = c.delivery().fence().orElseThrow();
      sending.add(new Transition(c.delivery().id(), f, DeliveryUpdate.sending()));
      sent.add(new Transition(c.delivery().id(), f, DeliveryUpdate.sent(
          new Attempt(1, now, Outcome.SENT, null, "pm-" + c.delivery().id()))));
    }
    log.transitionAll(sending);
    List<Boolean> applied = log.transitionAll(sent);
    for (int i = 0; i < applied.size(); i++) {
      if (applied.get(i) && sentBy.put(sent.get(i).deliveryId(), owner) != null) {
        sentTwice.incrementAndGet();
      }
    }
  }
}
