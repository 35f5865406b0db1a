package dev.notify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final QuietHours NIGHT = QuietHours.of("22:00", "08:00");

  private static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  @Test
  void aWindowCrossingMidnightEndsTheNextMorning() {
    assertThat(NIGHT.crossesMidnight()).isTrue();
    assertThat(NIGHT.quietUntil(local("2026-06-01T22:00", SEOUL), SEOUL))
        .contains(local("2026-06-02T08:00", SEOUL));
    assertThat(NIGHT.quietUntil(local("2026-06-01T23:30", SEOUL), SEOUL))
        .contains(local("2026-06-02T08:00", SEOUL));
    assertThat(NIGHT.quietUntil(local("2026-06-02T07:59:59", SEOUL), SEOUL))
        .contains(local("2026-06-02T08:00", SEOUL));
    assertThat(NIGHT.quietUntil(local("2026-06-02T08:00", SEOUL), SEOUL)).isEmpty();
    assertThat(NIGHT.quietUntil(local("2026-06-01T21:59:59", SEOUL), SEOUL)).isEmpty();
    assertThat(NIGHT.quietUntil(local("2026-06-01T12:00", SEOUL), SEOUL)).isEmpty();
  }

  @Test
  void aWindowWithinOneDay() {
    QuietHours lunch = QuietHours.of("13:00", "14:00");
    assertThat(lunch.crossesMidnight()).isFalse();
    assertThat(lunch.quietUntil(local("2026-06-01T13:15", SEOUL), SEOUL))
        .contains(local("2026-06-01T14:00", SEOUL));
    assertThat(lunch.quietUntil(local("2026-06-01T14:00", SEOUL), SEOUL)).isEmpty();
    assertThat(lunch.quietUntil(local("2026-06-01T12:59", SEOUL), SEOUL)).isEmpty();
  }

  @Test
  void theSameInstantIsQuietInOneZoneAndNotInAnother() {
    Instant t = Instant.parse("2026-06-01T13:00:00Z"); // 22:00 in Seoul, 09:00 in New York
    assertThat(NIGHT.quietUntil(t, SEOUL)).contains(Instant.parse("2026-06-01T23:00:00Z"));
    assertThat(NIGHT.quietUntil(t, NEW_YORK)).isEmpty();

    Instant u = Instant.parse("2026-06-02T03:00:00Z"); // 12:00 in Seoul, 23:00 in New York
    assertThat(NIGHT.quietUntil(u, SEOUL)).isEmpty();
    assertThat(NIGHT.quietUntil(u, NEW_YORK)).contains(Instant.parse("2026-06-02T12:00:00Z"));
  }

  @Test
  void theWindowEndIsRightWhenTheClocksSpringForwardOvernight() {
    // New York, 2026-03-08 02:00 EST -> 03:00 EDT: the night is an hour shorter
    Instant elevenPm = local("2026-03-07T23:00", NEW_YORK);
    assertThat(elevenPm).isEqualTo(Instant.parse("2026-03-08T04:00:00Z"));
    assertThat(NIGHT.quietUntil(elevenPm, NEW_YORK))
        .contains(Instant.parse("2026-03-08T12:00:00Z")); // 08:00 EDT, 8 hours later, not 9
  }

  @Test
  void theWindowEndIsRightWhenTheClocksFallBackOvernight() {
    // New York, 2026-11-01 02:00 EDT -> 01:00 EST: the night is an hour longer
    Instant elevenPm = local("2026-10-31T23:00", NEW_YORK);
    assertThat(elevenPm).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
    assertThat(NIGHT.quietUntil(elevenPm, NEW_YORK))
        .contains(Instant.parse("2026-11-01T13:00:00Z")); // 08:00 EST, 10 hours later
  }

  @Test
  void anEndTheClocksJumpOverEndsTheWindowAtTheJump() {
    QuietHours h = QuietHours.of("22:00", "02:30"); // 02:30 does not exist on 2026-03-08
    assertThat(h.quietUntil(local("2026-03-08T01:00", NEW_YORK), NEW_YORK))
        .contains(Instant.parse("2026-03-08T07:00:00Z")); // 03:00 EDT
  }

  @Test
  void anEndThatOccursTwiceEndsTheWindowAtItsFirstOccurrence() {
    QuietHours h = QuietHours.of("22:00", "01:30"); // 01:30 happens twice on 2026-11-01
    assertThat(h.quietUntil(Instant.parse("2026-11-01T05:00:00Z"), NEW_YORK)) // 01:00 EDT
        .contains(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT
    // 01:00 EST, the second time the clock reads 01:00: the window is over
    assertThat(h.quietUntil(Instant.parse("2026-11-01T06:00:00Z"), NEW_YORK)).isEmpty();
  }

  @Test
  void anEmptyWindowIsRejected() {
    assertThatThrownBy(() -> QuietHours.of("08:00", "08:00"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("08:00–08:00");
  }
}
