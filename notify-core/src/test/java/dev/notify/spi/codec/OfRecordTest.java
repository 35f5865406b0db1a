package dev.notify.spi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelOptions;
import dev.notify.Notification;
import dev.notify.Recipient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** This package is {@code @NullMarked}: a component without {@code @Nullable} is never null. */
class OfRecordTest {

  enum Level { LOW, HIGH }

  record Scalars(String s, boolean z, Boolean zz, char c, Character cc, byte b, Byte bb, short sh,
      Short shh, int i, Integer ii, long l, Long ll, float f, Float ff, double d, Double dd,
      BigInteger bi, BigDecimal bd, Instant at, Duration dur, Level level)
      implements ChannelOptions {
  }

  record Inner(String name, Optional<Integer> rank) {
  }

  record Containers(List<String> list, Set<Level> set, Map<String, Integer> map,
      Optional<String> present, Optional<Instant> absent, List<@Nullable String> sparse,
      Map<String, List<Inner>> nested, Inner inner, @Nullable Inner missing)
      implements ChannelOptions {
  }

  record Nulls(@Nullable String s, @Nullable Integer i, @Nullable List<String> l)
      implements ChannelOptions {
  }

  record Loose(Object any, Map<String, Object> extra, List<?> wild) implements ChannelOptions {
  }

  @NullUnmarked
  record Unmarked(String s, Integer i, List<String> l) implements ChannelOptions {
  }

  record Hook(String event) implements ChannelOptions {
  }

  record Checked(int n) implements ChannelOptions {
    Checked {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative: " + n);
      }
    }
  }

  record Tags(Set<Object> tags) implements ChannelOptions {
  }

  record Box<T>(T value) {
  }

  record BadDate(LocalDate day) implements ChannelOptions {
  }

  record BadArray(int[] values) implements ChannelOptions {
  }

  @SuppressWarnings("rawtypes")
  record BadRaw(List values) implements ChannelOptions {
  }

  record BadKeys(Map<Integer, String> byId) implements ChannelOptions {
  }

  record BadGeneric(Box<String> box) implements ChannelOptions {
  }

  record BadOptional(Optional<Optional<String>> twice) implements ChannelOptions {
  }

  record BadNullableOptional(@Nullable Optional<String> maybe) implements ChannelOptions {
  }

  record Node(String value, @Nullable Node next) {
  }

  record BadRecursive(Node head) implements ChannelOptions {
  }

  record BadWildcard(List<? super String> values) implements ChannelOptions {
  }

  record BadNumber(Number n) implements ChannelOptions {
  }

  private static <R extends Record & ChannelOptions> R roundTrip(Class<R> type, R options) {
    NotificationCodec codec = NotificationCodec.builder()
        .codec(ChannelOptionsCodec.ofRecord(type, "opts")).build();
    Notification n = Notification.builder().to(Recipient.user("u")).options(options).build();
    return codec.fromJson(codec.toJson(n)).options(type).orElseThrow();
  }

  private static Scalars scalars() {
    return new Scalars("s", true, Boolean.FALSE, 'é', 'x', (byte) -8, (byte) 127, (short) -300,
        (short) 300, Integer.MIN_VALUE, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0.1f, Float.MAX_VALUE,
        0.1, Double.MIN_VALUE, BigInteger.TWO.pow(100), new BigDecimal("1.50"),
        Instant.parse("2026-01-01T00:00:00.000000001Z"), Duration.ofMinutes(90).negated(),
        Level.HIGH);
  }

  @Test
  void everyScalarTypeRoundTripsExactly() {
    Scalars s = scalars();
    assertThat(roundTrip(Scalars.class, s)).isEqualTo(s);
    Scalars big = new Scalars("", false, true, 'a', 'b', (byte) 0, (byte) 0, (short) 0, (short) 0,
        0, 0, 0, 0L, -0.0f, Float.MIN_VALUE, -0.0, Double.MAX_VALUE, BigInteger.ZERO,
        new BigDecimal("1E+3"), Instant.MIN, Duration.ZERO, Level.LOW);
    assertThat(roundTrip(Scalars.class, big)).isEqualTo(big);
  }

  @Test
  void scalarsAreWrittenAsPlainJsonValues() {
    Map<String, @Nullable Object> json =
        ChannelOptionsCodec.ofRecord(Scalars.class, "s").encode(scalars());
    assertThat(json).containsEntry("c", "é").containsEntry("level", "HIGH")
        .containsEntry("at", "2026-01-01T00:00:00.000000001Z").containsEntry("dur", "PT-1H-30M")
        .containsEntry("i", (long) Integer.MIN_VALUE).containsEntry("sh", -300L)
        .containsEntry("f", new BigDecimal("0.1")).containsEntry("d", 0.1)
        .containsEntry("bd", new BigDecimal("1.50"));
    assertThat(ChannelOptionsCodec.ofRecord(Scalars.class, "s").decode(json)).isEqualTo(scalars());
    assertThat(json.keySet()).containsExactly("s", "z", "zz", "c", "cc", "b", "bb", "sh", "shh",
        "i", "ii", "l", "ll", "f", "ff", "d", "dd", "bi", "bd", "at", "dur", "level");
  }

  @Test
  void containersOptionalsAndNestedRecordsRoundTrip() {
    Containers c = new Containers(List.of("a", "b"), new LinkedHashSet<>(List.of(Level.HIGH,
        Level.LOW)), Map.of("k", 1), Optional.of("here"), Optional.empty(),
        Arrays.asList("x", null), Map.of("team", List.of(new Inner("a", Optional.of(1)),
        new Inner("b", Optional.empty()))), new Inner("solo", Optional.of(-1)), null);
    Containers back = roundTrip(Containers.class, c);
    assertThat(back).isEqualTo(c);
    assertThat(back.set()).containsExactly(Level.HIGH, Level.LOW);
    assertThatThrownBy(() -> back.list().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullableComponentsMayBeNullOrMissing() {
    assertThat(roundTrip(Nulls.class, new Nulls(null, null, null)))
        .isEqualTo(new Nulls(null, null, null));
    ChannelOptionsCodec<Nulls> codec = ChannelOptionsCodec.ofRecord(Nulls.class, "n");
    assertThat(codec.decode(Map.of())).isEqualTo(new Nulls(null, null, null));
    Map<String, @Nullable Object> json = codec.encode(new Nulls(null, 1, null));
    assertThat(json).containsEntry("s", null).containsEntry("i", 1L);
  }

  @Test
  void outsideNullMarkedCodeEveryReferenceMayBeNull() {
    Unmarked u = new Unmarked(null, null, null);
    assertThat(roundTrip(Unmarked.class, u)).isEqualTo(u);
  }

  @Test
  void objectComponentsAreFreeFormValues() {
    Map<String, Object> extra = new HashMap<>();
    extra.put("n", 1);
    extra.put("tags", Set.of("t"));
    Loose back = roundTrip(Loose.class, new Loose(Level.HIGH, extra, List.of(2.5, "s")));
    assertThat(back).isEqualTo(new Loose("HIGH", Map.of("n", 1L, "tags", List.of("t")),
        List.of(2.5, "s")));
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(Loose.class, "l")
        .encode(new Loose(1, Map.of("f", 0.5f), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("extra.f: is a Float");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(Loose.class, "l")
        .encode(new Loose(Optional.empty(), Map.of(), List.of())))
        .hasMessageStartingWith("any: is written as null");
  }

  @Test
  void unrepresentableComponentTypesAreRefusedAtCreation() {
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadDate.class, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ofRecord(" + BadDate.class.getName() + "): BadDate.day: java.time.LocalDate"
            + " is not supported; supported: String, boolean, char, the number types (boxed or"
            + " not), BigInteger, BigDecimal, enums, Instant, Duration, List, Set, Map<String, …>,"
            + " Optional, records and Object");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadArray.class, "x"))
        .hasMessageEndingWith("BadArray.values: an array (int[]) is not supported; use a List");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadRaw.class, "x"))
        .hasMessageEndingWith("BadRaw.values: the raw type java.util.List is not supported;"
            + " give it type arguments");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadKeys.class, "x"))
        .hasMessageEndingWith("BadKeys.byId: a Map's keys must be String, not java.lang.Integer");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadGeneric.class, "x"))
        .hasMessageContaining("BadGeneric.box: " + Box.class.getName()
            + "<java.lang.String> is not supported");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadOptional.class, "x"))
        .hasMessageContaining("Optional<Optional<…>> is not supported");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadNullableOptional.class, "x"))
        .hasMessageContaining("a @Nullable Optional is not supported");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadRecursive.class, "x"))
        .hasMessageContaining("Node contains itself");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadWildcard.class, "x"))
        .hasMessageContaining("the wildcard ? super java.lang.String is not supported");
    assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(BadNumber.class, "x"))
        .hasMessageContaining("BadNumber.n: java.lang.Number is not supported");
  }

  @Test
  void aMalformedTypeIdIsRefused() {
    for (String bad : List.of("", "Apns", "apns_2", "-apns", "a".repeat(65), "apns sandbox")) {
      assertThatThrownBy(() -> ChannelOptionsCodec.ofRecord(Hook.class, bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("typeId must be 1 to 64 lower-case letters");
    }
    ChannelOptionsCodec<Hook> ok = ChannelOptionsCodec.ofRecord(Hook.class, "example.web-hook2");
    assertThat(ok.typeId()).isEqualTo("example.web-hook2");
    assertThat(ok.type()).isEqualTo(Hook.class);
  }

  @Test
  void badFieldsAreReportedWithTheirPath() {
    ChannelOptionsCodec<Hook> hook = ChannelOptionsCodec.ofRecord(Hook.class, "hook");
    assertThatThrownBy(() -> hook.decode(Map.of()))
        .hasMessage("event: is missing (java.lang.String)");
    Map<String, @Nullable Object> nullEvent = new HashMap<>();
    nullEvent.put("event", null);
    assertThatThrownBy(() -> hook.decode(nullEvent))
        .hasMessage("event: must not be null (java.lang.String)");
    assertThatThrownBy(() -> hook.decode(Map.of("event", "e", "colour", "red")))
        .hasMessage("colour: unknown field; Hook has the components [event]");

    ChannelOptionsCodec<Containers> containers =
        ChannelOptionsCodec.ofRecord(Containers.class, "c");
    Map<String, @Nullable Object> json = new HashMap<>(containers.encode(new Containers(
        List.of(), Set.of(), Map.of(), Optional.empty(), Optional.empty(), List.of(),
        Map.of(), new Inner("i", Optional.empty()), null)));
    json.put("inner", Map.of("name", "i", "rank", "first"));
    assertThatThrownBy(() -> containers.decode(json))
        .hasMessage("inner.rank: must be a number, was a string");
    json.put("inner", Map.of("name", "i"));
    json.put("nested", Map.of("t", List.of(Map.of("name", "a"), Map.of("name", 7L))));
    assertThatThrownBy(() -> containers.decode(json))
        .hasMessage("nested.t[1].name: must be a string, was a number");
    json.put("nested", Map.of());
    json.put("set", List.of("LOW", "LOW"));
    assertThatThrownBy(() -> containers.decode(json)).hasMessage("set: holds the same element twice");
    json.put("set", List.of("MEDIUM"));
    assertThatThrownBy(() -> containers.decode(json))
        .hasMessage("set[0]: must be one of [LOW, HIGH], was '…(6)'");

    ChannelOptionsCodec<Scalars> scalars = ChannelOptionsCodec.ofRecord(Scalars.class, "s");
    Map<String, @Nullable Object> s = new HashMap<>(scalars.encode(scalars()));
    s.put("i", 3_000_000_000L);
    assertThatThrownBy(() -> scalars.decode(s)).hasMessage(
        "i: must be an integer from -2147483648 to 2147483647 (int), was 3000000000");
    s.put("i", new BigDecimal("1.5"));
    assertThatThrownBy(() -> scalars.decode(s)).hasMessageStartingWith("i: must be an integer");
    s.put("i", 1L);
    s.put("at", "yesterday");
    assertThatThrownBy(() -> scalars.decode(s))
        .hasMessageStartingWith("at: must be an ISO-8601 instant");
    s.put("at", "2026-01-01T00:00:00Z");
    s.put("c", "ab");
    assertThatThrownBy(() -> scalars.decode(s))
        .hasMessage("c: must be a string of one character, has 2");
    s.put("c", "a");
    s.put("d", new BigDecimal("1e400"));
    assertThatThrownBy(() -> scalars.decode(s)).hasMessage("d: is beyond the range of a double");
  }

  @Test
  void theRecordsOwnChecksApplyWhenReading() {
    ChannelOptionsCodec<Checked> codec = ChannelOptionsCodec.ofRecord(Checked.class, "checked");
    assertThat(codec.decode(Map.of("n", 2L))).isEqualTo(new Checked(2));
    assertThatThrownBy(() -> codec.decode(Map.of("n", -1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Checked rejected the values: n must not be negative: -1")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesJsonCannotHoldAreRefusedWhenWriting() {
    ChannelOptionsCodec<Scalars> scalars = ChannelOptionsCodec.ofRecord(Scalars.class, "s");
    Scalars s = scalars();
    Scalars nan = new Scalars(s.s(), s.z(), s.zz(), s.c(), s.cc(), s.b(), s.bb(), s.sh(), s.shh(),
        s.i(), s.ii(), s.l(), s.ll(), s.f(), s.ff(), Double.NaN, s.dd(), s.bi(), s.bd(), s.at(),
        s.dur(), s.level());
    assertThatThrownBy(() -> scalars.encode(nan))
        .hasMessageStartingWith("d: is NaN, which JSON cannot hold");
    List<String> withNull = new ArrayList<>(List.of("a"));
    withNull.add(null);
    ChannelOptionsCodec<Containers> containers =
        ChannelOptionsCodec.ofRecord(Containers.class, "c");
    assertThatThrownBy(() -> containers.encode(new Containers(withNull, Set.of(), Map.of(),
        Optional.empty(), Optional.empty(), List.of(), Map.of(), new Inner("i", Optional.empty()),
        null))).hasMessage("list[1]: is null, but java.lang.String is not @Nullable");
    ChannelOptionsCodec<Tags> tags = ChannelOptionsCodec.ofRecord(Tags.class, "tags");
    assertThatThrownBy(() -> tags.encode(new Tags(Set.of(1, 1L))))
        .hasMessageStartingWith("tags: holds elements that are written as the same JSON value");
  }
}
