package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The naughty-strings corpus and the outcomes {@link NaughtyStringsTest} and
 * {@link SmsNaughtyStringsTest} count per field: accepted, refused at send (an
 * {@link InvalidNotificationException} naming the field, nothing stored, the id still free),
 * refused by a value's own builder ({@link IllegalArgumentException}), or anything else — each of
 * those is listed and fails {@link #assertOnlyAllowedOutcomes}.
 */
final class NaughtyTally {
  private static final int ACCEPTED = 0;
  private static final int REFUSED_AT_SEND = 1;
  private static final int REFUSED_BY_BUILDER = 2;
  private static final int OTHER = 3;

  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private final List<String> others = new ArrayList<>();

  /** {@return the Big List of Naughty Strings (test resource {@code blns/blns.json})} */
  static List<String> corpus() throws IOException {
    try (InputStream in = NaughtyTally.class.getResourceAsStream("/blns/blns.json")) {
      return new ObjectMapper().readValue(in, new TypeReference<List<String>>() { });
    }
  }

  /**
   * Builds one notification and sends it, and counts the outcome.
   *
   * @param client the client to send through
   * @param field the field under test, as the report names it
   * @param errorField the field an {@link InvalidNotificationException} must name (a prefix)
   * @param i the string's index in the corpus, for the list of other outcomes
   * @param build builds the notification; an {@link IllegalArgumentException} is a builder's
   *     refusal
   * @param idIsFree whether the refused notification's id can still be used
   * @return the notification if it was accepted and stored, else empty
   */
  Optional<Notification> send(NotificationClient client, String field, String errorField, int i,
      Supplier<Notification> build, Predicate<String> idIsFree) {
    Notification note;
    try {
      note = build.get();
    } catch (IllegalArgumentException e) {
      count(field, REFUSED_BY_BUILDER); // before there is a notification
      return Optional.empty();
    }
    try {
      client.send(note);
      if (client.status(note.id()).isPresent()) {
        count(field, ACCEPTED);
        return Optional.of(note);
      }
      other(field, i, "accepted but not stored");
    } catch (InvalidNotificationException e) {
      boolean named = e.field().startsWith(errorField);
      boolean nothingStored = client.status(note.id()).isEmpty();
      boolean free = idIsFree.test(note.id());
      if (named && nothingStored && free) {
        count(field, REFUSED_AT_SEND);
      } else {
        other(field, i, e.getMessage() + " (named=" + named + ", nothing stored="
            + nothingStored + ", id free=" + free + ")");
      }
    } catch (RuntimeException e) {
      other(field, i, e.toString());
    }
    return Optional.empty();
  }

  /**
   * Runs a builder setting with a string: it takes it, or refuses it with an
   * {@link IllegalArgumentException}; anything else is listed.
   *
   * @param field the setting, as the report names it
   * @param i the string's index in the corpus
   * @param set the setting
   */
  void setting(String field, int i, Runnable set) {
    try {
      set.run();
      count(field, ACCEPTED);
    } catch (IllegalArgumentException e) {
      count(field, REFUSED_BY_BUILDER);
    } catch (RuntimeException e) {
      other(field, i, e.toString());
    }
  }

  /** Counts a string {@code field} refused where it arrived (a send, a callback). */
  void refusedAtSend(String field) {
    count(field, REFUSED_AT_SEND);
  }

  /** Counts and lists an outcome that is not allowed. */
  void other(String field, int i, String what) {
    count(field, OTHER);
    others.add(field + " #" + i + ": " + what);
  }

  /** Lists a failed check of what arrived. */
  void mismatch(String what) {
    others.add(what);
  }

  /** {@return how many strings were accepted, over every field} */
  int accepted() {
    return counts.values().stream().mapToInt(c -> c[ACCEPTED]).sum();
  }

  /**
   * Prints the counts per field and fails with them if any outcome was not allowed.
   *
   * @param title what the report is of, e.g. {@code "BLNS (507 strings)"}
   */
  void assertOnlyAllowedOutcomes(String title) {
    StringBuilder report = new StringBuilder(title + ": field | accepted |"
        + " InvalidNotificationException at send | refused by a builder | other\n");
    counts.forEach((f, k) -> report.append(f).append(" | ").append(k[ACCEPTED]).append(" | ")
        .append(k[REFUSED_AT_SEND]).append(" | ").append(k[REFUSED_BY_BUILDER]).append(" | ")
        .append(k[OTHER]).append('\n'));
    System.out.println(report);
    assertThat(others).as(report.toString()).isEmpty();
  }

  private void count(String field, int outcome) {
    counts.computeIfAbsent(field, k -> new int[4])[outcome]++;
  }
}
