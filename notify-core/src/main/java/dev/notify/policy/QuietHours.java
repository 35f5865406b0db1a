package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A daily window, in the user's time zone, in which notifications wait: {@code 22:00–08:00}
 * crosses midnight, {@code 13:00–14:00} does not. The start is inclusive, the end exclusive. A
 * notification that falls in the window is deferred to the window's end.
 *
 * <p>Across daylight-saving changes the window is the span between the first instants at which
 * the local time reads {@code start} and then {@code end}: if {@code end} does not exist that day
 * (the clocks jump over it), the window ends at the jump; if it occurs twice, at its first
 * occurrence.
 *
 * @param start when the quiet window starts, local time
 * @param end when it ends, local time; must differ from {@code start}
 */
public record QuietHours(LocalTime start, LocalTime end) {

  /**
   * Rejects nulls and an empty window.
   *
   * @param start when the quiet window starts, local time
   * @param end when it ends, local time; must differ from {@code start}
   */
  public QuietHours {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must start and end at different times: "
          + start + "–" + end);
    }
  }

  /**
   * {@return quiet hours from {@code start} to {@code end}, e.g. {@code of("22:00", "08:00")}}
   *
   * @param start when the quiet window starts, local time, e.g. {@code "22:00"}
   * @param end when it ends, local time; must differ from {@code start}
   */
  public static QuietHours of(String start, String end) {
    return new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
  }

  /** {@return true if the window spans midnight} */
  public boolean crossesMidnight() {
    return end.isBefore(start);
  }

  /**
   * {@return the instant the window ends if {@code now} is inside it, else empty}
   *
   * @param now the instant a notification would go out
   * @param zone the user's time zone
   */
  public Optional<Instant> quietUntil(Instant now, ZoneId zone) {
    requireNonNull(now, "now");
    requireNonNull(zone, "zone");
    LocalDate today = now.atZone(zone).toLocalDate();
    // a window that crosses midnight may have started yesterday
    for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
      Instant from = firstInstant(day.atTime(start), zone);
      Instant until = firstInstant((crossesMidnight() ? day.plusDays(1) : day).atTime(end), zone);
      if (!now.isBefore(from) && now.isBefore(until)) {
        return Optional.of(until);
      }
    }
    return Optional.empty();
  }

  /** The first instant at which the local clock reads {@code local} or later. */
  private static Instant firstInstant(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition t = zone.getRules().getTransition(local);
    if (t != null && t.isGap()) {
      return t.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant(); // earlier offset in an overlap
  }

  @Override
  public String toString() {
    return "QuietHours[" + start + "–" + end + "]";
  }
}
