package dev.notify.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelOptions;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.codec.ChannelOptionsCodec;
import dev.notify.spi.codec.NotificationCodec;
import dev.notify.testsupport.SampleNotifications;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A notification read back by {@link NotificationCodec} has the payload hash it was written
 * with, whatever kinds of value it holds: the codec's promise to durable logs.
 */
class NotificationCodecHashTest {

  record Line(String sku, int quantity, Optional<String> note) {
  }

  enum Colour { RED }

  /** Options with components of many types and a free-form part. */
  record Opts(float ratio, double weight, BigDecimal price, Set<String> tags,
      Map<String, Object> extra, Line line) implements ChannelOptions {
  }

  private final NotificationCodec codec = NotificationCodec.builder()
      .codec(ChannelOptionsCodec.ofRecord(SampleNotifications.PushOptions.class, "test.push"))
      .codec(ChannelOptionsCodec.ofRecord(SampleNotifications.KakaoOptions.class, "kakao"))
      .codec(ChannelOptionsCodec.ofRecord(Opts.class, "opts"))
      .build();

  private void assertHashSurvives(Notification n) {
    Notification back = codec.fromJson(codec.toJson(n));
    assertThat(PayloadHash.canonical(back)).isEqualTo(PayloadHash.canonical(n));
    assertThat(PayloadHash.of(back)).isEqualTo(PayloadHash.of(n));
  }

  private static Notification withVariables(Map<String, ?> variables) {
    return Notification.builder().id("n").to(Recipient.email("a@example.com"))
        .template("t", variables).build();
  }

  @Test
  void everyFieldKeepsItsHash() {
    assertHashSurvives(SampleNotifications.everyField());
  }

  @Test
  void numbersKeepTheirHash() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("int", 7);
    v.put("byte", (byte) -1);
    v.put("short", (short) 300);
    v.put("long", Long.MIN_VALUE);
    v.put("tenth", 0.1);
    v.put("third", 1.0 / 3);
    v.put("negativeZero", -0.0);
    v.put("whole", 5.0);
    v.put("tiny", Double.MIN_VALUE);
    v.put("huge", 1e300);
    v.put("bigInteger", BigInteger.TWO.pow(70));
    v.put("bigPower", BigInteger.TEN.pow(50));
    v.put("smallBigInteger", BigInteger.valueOf(-42));
    assertHashSurvives(withVariables(v));
  }

  @Test
  void recordsMapsListsAndSetsKeepTheirHash() {
    Map<Object, Object> oddKeys = new LinkedHashMap<>();
    oddKeys.put(10, "ten");
    oddKeys.put(9, "nine");
    oddKeys.put(0.5, "half");
    oddKeys.put(true, "yes");
    oddKeys.put(Colour.RED, "red");
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("line", new Line("sku-1", 2, Optional.empty()));
    v.put("lines", List.of(new Line("a", 1, Optional.of("gift")), new Line("b", 2,
        Optional.empty())));
    v.put("nested", Map.of("z", Map.of("y", List.of(1, Map.of("x", true)))));
    v.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2)));
    v.put("oddKeys", oddKeys);
    // Sorted by canonical text ("a!" < "a#" < "a\"" once escaped), not by String order
    v.put("escapes", new LinkedHashSet<>(List.of("a\"", "a#", "a!", "\n", "é", "\ud83d\ude00",
        "lone \ud800")));
    v.put("numbers", new LinkedHashSet<>(List.of(9, 10, 0.5, -1, BigInteger.TWO.pow(80))));
    v.put("records", Set.of(new Line("b", 1, Optional.empty()), new Line("a", 2,
        Optional.empty())));
    v.put("mixed", new LinkedHashSet<>(List.of(List.of(2), Map.of("k", 1), "s", true)));
    v.put("array", new int[] {3, 1, 2});
    v.put("strings", new String[] {"x"});
    v.put("colour", Colour.RED);
    v.put("when", Instant.parse("2026-01-01T00:00:00.5Z"));
    v.put("day", LocalDate.of(2026, 2, 3));
    v.put("zone", ZoneId.of("Asia/Seoul"));
    v.put("wait", Duration.ofSeconds(90));
    v.put("id", UUID.fromString("00000000-0000-0000-0000-00000000002a"));
    v.put("locale", Locale.KOREA);
    v.put("char", 'c');
    v.put("builder", new StringBuilder("sb"));
    v.put("optional", Optional.of(Optional.of(1)));
    Notification n = withVariables(v);
    assertHashSurvives(n);
    assertThat(PayloadHash.canonical(n)).contains("\"escapes\":[\"\\n\",\"a!\",\"a#\",\"a\\\"\"");
  }

  @Test
  void optionsKeepTheirHash() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("count", 3);
    extra.put("ratio", 0.25);
    extra.put("set", Set.of("q", "p"));
    extra.put("line", new Line("x", 1, Optional.empty()));
    Notification n = Notification.builder().id("n").to(Recipient.apnsToken("a1".repeat(32)))
        .options(new Opts(0.1f, 0.1, new BigDecimal("1.50"), Set.of("b", "a"), extra,
            new Line("y", 2, Optional.of("note"))))
        .options(new SampleNotifications.PushOptions(null, 1, Map.of("n", (short) 4)))
        .build();
    assertHashSurvives(n);
  }
}
