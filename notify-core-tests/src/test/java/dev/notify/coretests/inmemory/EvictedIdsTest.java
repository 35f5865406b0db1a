package dev.notify.coretests.inmemory;

import static dev.notify.testkit.log.LogFixtures.EMAIL;
import static dev.notify.testkit.log.LogFixtures.T0;
import static dev.notify.testkit.log.LogFixtures.notification;
import static dev.notify.testkit.log.LogFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.testkit.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tombstones of {@link InMemoryNotificationLog}: an id it evicted to make room stays
 * deduplicated for {@code rememberEvictedIdsFor}, at most {@code maxEvictedIds} of them.
 */
class EvictedIdsTest {
  private static final String WARNING = "forgot ";

  private final ManualTime time = ManualTime.startingAt(T0);

  @AfterEach
  void stopTime() {
    time.close();
  }

  private InMemoryNotificationLog.Builder log() {
    return InMemoryNotificationLog.builder().clock(time.clock()).maxNotifications(1);
  }

  /** {@return a hash as the engine writes it: {@code v2:} and a SHA-256 in lowercase hex} */
  private static String v2(String payload) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(payload.getBytes(StandardCharsets.UTF_8));
      return "v2:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static NotificationRecord finished(String id) {
    return finished(id, v2("payload of " + id));
  }

  private static NotificationRecord finished(String id, String hash) {
    return notification(id).payloadHash(hash).delivery(EMAIL, DeliveryState.SENT, t(0)).build();
  }

  /** Appends a finished notification, evicting the one a log of one holds. */
  private static void evictWith(InMemoryNotificationLog log, String id) {
    assertThat(log.append(finished(id))).isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void anEvictedIdAnswersExistingWithItsHash() {
    InMemoryNotificationLog log = log().build();
    NotificationRecord first = finished("n1");
    log.append(first);
    evictWith(log, "n2");

    assertThat(log.append(finished("n1"))).isEqualTo(
        new AppendResult.Existing(first.payloadHash()));
    assertThat(log.find("n1")).as("the record is gone").isEmpty();
    assertThat(log.find("n2")).as("nothing was evicted for it").isPresent();
    assertThat(log.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "v2:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "V2:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
      "x:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
      "hash-of-n1", "", "prefix with spaces and ü:ffffffffffffffffffffffffffffffff"
          + "00000000000000000000000000000000"})
  void everyFormOfHashComesBackAsItWasStored(String hash) {
    InMemoryNotificationLog log = log().build();
    log.append(finished("n1", hash));
    evictWith(log, "n2");

    assertThat(log.append(finished("n1", hash))).isEqualTo(new AppendResult.Existing(hash));
  }

  @Test
  void manyPrefixesAreAllKept() {
    InMemoryNotificationLog log = log().maxEvictedIds(100).build();
    for (int i = 0; i < 40; i++) {
      log.append(finished("n" + i, "v" + i + v2("n" + i).substring(2)));
    }

    for (int i = 0; i < 39; i++) {
      assertThat(log.append(finished("n" + i, "other")))
          .isEqualTo(new AppendResult.Existing("v" + i + v2("n" + i).substring(2)));
    }
  }

  @Test
  void anotherPayloadUnderAnEvictedIdIsAConflictAndStoresNothing() {
    InMemoryNotificationLog log = log().build();
    NotificationRecord first = finished("n1");
    log.append(first);
    evictWith(log, "n2");

    AppendResult again = log.append(finished("n1", v2("another payload")));

    assertThat(again).isEqualTo(new AppendResult.Existing(first.payloadHash()));
    assertThat(((AppendResult.Existing) again).payloadHash()).isNotEqualTo(v2("another payload"));
    assertThat(log.find("n1")).isEmpty();
    assertThat(log.find("n2")).isPresent();
  }

  @Test
  void anEvictedIdIsRememberedForItsWindowAndThenForgotten() {
    InMemoryNotificationLog log = log().rememberEvictedIdsFor(Duration.ofHours(1)).build();
    log.append(finished("n1"));
    time.advance(Duration.ofMinutes(10));
    evictWith(log, "n2");

    time.advance(Duration.ofHours(1));
    assertThat(log.append(finished("n1"))).as("an hour after the eviction, not the acceptance")
        .isInstanceOf(AppendResult.Existing.class);

    time.advance(Duration.ofMillis(1));
    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Appended.class);
    assertThat(log.find("n1")).isPresent();
  }

  @Test
  void theDefaultWindowIsADay() {
    InMemoryNotificationLog log = log().build();
    log.append(finished("n1"));
    evictWith(log, "n2");

    time.advance(Duration.ofHours(24));
    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Existing.class);

    time.advance(Duration.ofSeconds(1));
    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void aWindowOfZeroForgetsAnEvictedIdAtOnce() {
    InMemoryNotificationLog log = log().rememberEvictedIdsFor(Duration.ZERO).build();
    log.append(finished("n1"));
    evictWith(log, "n2");

    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void theBoundForgetsTheOldestTombstoneFirst() {
    InMemoryNotificationLog log = log().maxEvictedIds(2).build();
    log.append(finished("n1"));
    evictWith(log, "n2");
    evictWith(log, "n3");
    evictWith(log, "n4");

    assertThat(log.append(finished("n3"))).isInstanceOf(AppendResult.Existing.class);
    assertThat(log.append(finished("n2"))).isInstanceOf(AppendResult.Existing.class);
    assertThat(log.append(finished("n1"))).as("pushed out by n3")
        .isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void forgettingTombstonesBeforeTheirTimeWarnsAtMostOnceAMinute() {
    InMemoryNotificationLog log = log().maxEvictedIds(1).build();
    log.append(finished("n1"));
    evictWith(log, "n2");

    String first = stderrOf(() -> {
      evictWith(log, "n3");
      evictWith(log, "n4");
    });
    time.advance(Duration.ofSeconds(59));
    String withinAMinute = stderrOf(() -> evictWith(log, "n5"));
    time.advance(Duration.ofSeconds(1));
    String aMinuteLater = stderrOf(() -> evictWith(log, "n6"));

    assertThat(warnings(first)).containsExactly(1);
    assertThat(first).contains("WARN", "maxEvictedIds 1", "rememberEvictedIdsFor PT24H",
        "deduplication now covers less than", "raise maxNotifications or maxEvictedIds",
        "durable log");
    assertThat(warnings(withinAMinute)).isEmpty();
    assertThat(warnings(aMinuteLater)).as("n2, n3 and n4, since the last warning")
        .containsExactly(3);
  }

  @Test
  void tombstonesPastTheirWindowAreDroppedWithoutAWarning() {
    InMemoryNotificationLog log = log().maxEvictedIds(1)
        .rememberEvictedIdsFor(Duration.ofSeconds(1)).build();
    log.append(finished("n1"));
    evictWith(log, "n2");
    time.advance(Duration.ofSeconds(2));

    String output = stderrOf(() -> evictWith(log, "n3"));

    assertThat(warnings(output)).isEmpty();
    assertThat(log.append(finished("n2"))).isInstanceOf(AppendResult.Existing.class);
  }

  @Test
  void aPurgedNotificationLeavesNoTombstone() {
    InMemoryNotificationLog log = InMemoryNotificationLog.builder().clock(time.clock()).build();
    log.append(finished("n1"));
    time.advance(Duration.ofSeconds(1));

    assertThat(log.purge(Duration.ZERO)).isEqualTo(1);

    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void purgeKeepsTheTombstonesOfEvictedNotifications() {
    InMemoryNotificationLog log = log().build();
    log.append(finished("n1"));
    evictWith(log, "n2");
    time.advance(Duration.ofSeconds(1));

    assertThat(log.purge(Duration.ZERO)).as("n2").isEqualTo(1);

    assertThat(log.append(finished("n1"))).isInstanceOf(AppendResult.Existing.class);
    assertThat(log.append(finished("n2"))).isInstanceOf(AppendResult.Appended.class);
  }

  @Test
  void appendAllAnswersATombstonedIdLikeAStoredOne() {
    InMemoryNotificationLog log = log().maxNotifications(2).build();
    NotificationRecord first = finished("n1");
    log.append(first);
    log.append(finished("n2"));
    evictWith(log, "n3");

    assertThat(log.appendAll(List.of(finished("a"), finished("n1"))))
        .containsExactly(new AppendResult.Appended(),
            new AppendResult.Existing(first.payloadHash()));
    assertThat(log.find("a")).isPresent();
    assertThat(log.find("n1")).isEmpty();
  }

  @Test
  void appendAllWithAConflictingTombstonedIdStoresNothingOfTheBatch() {
    InMemoryNotificationLog log = log().maxNotifications(2).build();
    NotificationRecord first = finished("n1");
    log.append(first);
    log.append(finished("n2"));
    evictWith(log, "n3");

    List<AppendResult> results = log.appendAll(List.of(finished("a"),
        finished("n1", v2("another payload")), finished("b")));

    assertThat(results).containsExactly(new AppendResult.Skipped(),
        new AppendResult.Existing(first.payloadHash()), new AppendResult.Skipped());
    assertThat(log.find("a")).isEmpty();
    assertThat(log.find("b")).isEmpty();
    assertThat(log.find("n2")).as("nothing was evicted for the refused batch").isPresent();
    assertThat(log.find("n3")).isPresent();
  }

  @Test
  void aBatchThatEvictsLeavesATombstoneForEach() {
    InMemoryNotificationLog log = log().maxNotifications(2).build();
    log.append(finished("n1"));
    log.append(finished("n2"));

    log.appendAll(List.of(finished("a"), finished("b")));

    assertThat(log.appendAll(List.of(finished("n1"), finished("n2")))).containsExactly(
        new AppendResult.Existing(v2("payload of n1")),
        new AppendResult.Existing(v2("payload of n2")));
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    InMemoryNotificationLog.Builder builder = InMemoryNotificationLog.builder();

    assertThatThrownBy(() -> builder.rememberEvictedIdsFor(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rememberEvictedIdsFor must not be negative: PT-1S");
    assertThatThrownBy(() -> builder.rememberEvictedIdsFor(null))
        .isInstanceOf(NullPointerException.class).hasMessage("window");
    assertThatThrownBy(() -> builder.maxEvictedIds(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEvictedIds must be positive: 0");
  }

  /** {@return what the action wrote to {@code System.err}, where slf4j-simple logs} */
  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** {@return the number of ids forgotten that each warning in {@code output} reports} */
  private static List<Integer> warnings(String output) {
    Matcher m = Pattern.compile(Pattern.quote(WARNING) + "(\\d+) ").matcher(output);
    List<Integer> counts = new ArrayList<>();
    while (m.find()) {
      counts.add(Integer.parseInt(m.group(1)));
    }
    return counts;
  }
}
