package dev.notify.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notify.ChannelOptions;
import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.template.TemplateRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayloadHashTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final Notification base = Notification.builder().id("n").to(Recipient.email("a@x.io"))
      .title("t").body("b").data("k", "v").build();

  /** A channel's typed options, as a custom channel would define them. */
  record Opts(String tag, int level, Map<String, Object> extra) implements ChannelOptions {
  }

  /** Options that are not a record cannot be compared by value. */
  static final class ClassOpts implements ChannelOptions {
  }

  /** A value of a type the encoding does not know. */
  static final class Foo {
  }

  private static String hash(Map<String, ?> variables) {
    return PayloadHash.of(templated(variables));
  }

  private static Notification templated(Map<String, ?> variables) {
    return Notification.builder().id("n").to(Recipient.email("a@x.io"))
        .template("welcome", variables).build();
  }

  private static InvalidNotificationException invalid(Map<String, ?> variables) {
    try {
      PayloadHash.of(templated(variables));
    } catch (InvalidNotificationException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidNotificationException");
  }

  @Test
  void theHashIsVersionedHexSha256() {
    assertThat(PayloadHash.of(base)).startsWith("v2:").matches("v2:[0-9a-f]{64}");
  }

  @Test
  void metadataIsNotPartOfTheHash() {
    Notification copy = base.toBuilder().metadata("traceId", "req-2").build();
    assertThat(PayloadHash.of(copy)).isEqualTo(PayloadHash.of(base));
  }

  @Test
  void everyPartThatDefinesTheNotificationChangesTheHash() {
    Notification full = base.toBuilder().sendAt(T0).expiresAt(T0.plusSeconds(60)).build();
    String h = PayloadHash.of(full);
    List<Notification> variants = List.of(
        full.toBuilder().body("B").build(),
        full.toBuilder().data("k", "w").build(),
        full.toBuilder().subject("s").build(),
        full.toBuilder().text("x").build(),
        full.toBuilder().html("<p>").build(),
        full.toBuilder().to(Recipient.email("b@x.io")).build(),
        full.toBuilder().viaChannel("email").build(),
        full.toBuilder().via(ChannelType.EMAIL).build(),
        full.toBuilder().viaPush().build(),
        full.toBuilder().category("marketing").build(),
        full.toBuilder().priority(Priority.HIGH).build(),
        full.toBuilder().sendAt(T0.plusSeconds(1)).build(),
        full.toBuilder().expiresAt(T0.plusSeconds(61)).build(),
        full.toBuilder().options(new Opts("a", 1, Map.of())).build(),
        full.toBuilder().template(TemplateRef.of("welcome")).build(),
        full.toBuilder().template(TemplateRef.of("welcome").withLocale(Locale.KOREAN)).build(),
        full.toBuilder().template("welcome", Map.of("name", "Ada")).build());
    for (Notification v : variants) {
      assertThat(PayloadHash.of(v)).as(v.toString()).isNotEqualTo(h);
    }
    assertThat(variants.stream().map(PayloadHash::of).distinct()).hasSize(variants.size());
  }

  @Test
  void anOptionsRecordChangesTheHashByItsComponents() {
    String h = PayloadHash.of(base.toBuilder().options(new Opts("a", 1, Map.of("x", 1))).build());
    assertThat(PayloadHash.of(base.toBuilder().options(new Opts("a", 1, Map.of("x", 1))).build()))
        .isEqualTo(h);
    assertThat(PayloadHash.of(base.toBuilder().options(new Opts("a", 2, Map.of("x", 1))).build()))
        .isNotEqualTo(h);
    assertThat(PayloadHash.of(base.toBuilder().options(new Opts("a", 1, Map.of("x", 2))).build()))
        .isNotEqualTo(h);
  }

  @Test
  void fieldBoundariesCannotBeConfused() {
    Notification a = Notification.builder().id("n").to(Recipient.email("a@x.io")).title("ab")
        .body("c").build();
    Notification b = Notification.builder().id("n").to(Recipient.email("a@x.io")).title("a")
        .body("bc").build();
    assertThat(PayloadHash.of(a)).isNotEqualTo(PayloadHash.of(b));
  }

  @Test
  void nestedMapsHashTheSameWhateverTheirInsertionOrder() {
    Map<String, Object> forward = new LinkedHashMap<>();
    Map<String, Object> backward = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      forward.put("k" + i, "v" + i);
      backward.put("k" + (9 - i), "v" + (9 - i));
    }
    // "Aa" and "BB" share a hash code, so do all four of these: one HashMap bucket, whose order
    // is the insertion order.
    List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB");
    Map<String, Object> hashed = new HashMap<>();
    Map<String, Object> rehashed = new HashMap<>();
    for (int i = 0; i < colliding.size(); i++) {
      hashed.put(colliding.get(i), i);
      rehashed.put(colliding.get(3 - i), 3 - i);
    }
    assertThat(forward.toString()).isNotEqualTo(backward.toString());
    assertThat(hashed.toString()).isNotEqualTo(rehashed.toString());

    Map<String, Object> one = Map.of("order", forward, "lines", hashed,
        "address", Map.of("street", "Main", "city", "Seoul", "zip", "04524", "country", "KR"));
    Map<String, Object> two = Map.of("address",
        Map.of("country", "KR", "zip", "04524", "city", "Seoul", "street", "Main"),
        "lines", rehashed, "order", backward);
    assertThat(hash(one)).isEqualTo(hash(two));
    assertThat(hash(Map.of("order", forward))).isNotEqualTo(hash(Map.of("order", hashed)));
  }

  @Test
  void arraysHashByContentAndLikeLists() {
    String h = hash(Map.of("tags", new String[] {"a", "b"}, "n", new int[] {1, 2},
        "grid", new long[][] {{1}, {2, 3}}, "c", new char[] {'x'}, "ok", new boolean[] {true}));
    assertThat(hash(Map.of("tags", new String[] {"a", "b"}, "n", new int[] {1, 2},
        "grid", new long[][] {{1}, {2, 3}}, "c", new char[] {'x'}, "ok", new boolean[] {true})))
        .isEqualTo(h);
    assertThat(hash(Map.of("tags", List.of("a", "b"), "n", List.of(1, 2),
        "grid", List.of(List.of(1), List.of(2, 3)), "c", List.of("x"), "ok", List.of(true))))
        .isEqualTo(h);
    assertThat(hash(Map.of("tags", new String[] {"b", "a"}))).isNotEqualTo(
        hash(Map.of("tags", new String[] {"a", "b"})));
    assertThat(hash(Map.of("n", new double[] {0.5}))).isNotEqualTo(
        hash(Map.of("n", new double[] {0.25})));
  }

  @Test
  void setsHashByTheirElementsNotTheirOrder() {
    Set<Object> forward = new LinkedHashSet<>(List.of("a", "b", Map.of("x", 1), List.of(2)));
    Set<Object> backward = new LinkedHashSet<>(List.of(List.of(2), Map.of("x", 1), "b", "a"));
    assertThat(hash(Map.of("s", forward))).isEqualTo(hash(Map.of("s", backward)))
        .isEqualTo(hash(Map.of("s", Set.of("b", "a", List.of(2), Map.of("x", 1)))));
    assertThat(hash(Map.of("s", Set.of("a")))).isNotEqualTo(hash(Map.of("s", Set.of("b"))));
  }

  @Test
  void numbersHaveOneFormPerValue() {
    String one = hash(Map.of("n", 1));
    for (Object same : List.of(1L, (short) 1, (byte) 1, BigInteger.ONE, new BigDecimal("1.00"),
        1.0d, 1.0f, Optional.of(1))) {
      assertThat(hash(Map.of("n", same))).as("%s (%s)", same, same.getClass()).isEqualTo(one);
    }
    assertThat(hash(Map.of("n", BigInteger.TEN.pow(50))))
        .isEqualTo(hash(Map.of("n", new BigDecimal("1E+50"))));
    assertThat(hash(Map.of("n", 0.1f))).isNotEqualTo(hash(Map.of("n", 0.1d)));
    assertThat(hash(Map.of("n", 0.1d))).isNotEqualTo(hash(Map.of("n", new BigDecimal("0.1"))));
    assertThat(hash(Map.of("n", -0.0d))).isEqualTo(hash(Map.of("n", 0)));
    assertThat(hash(Map.of("n", 1))).isNotEqualTo(hash(Map.of("n", "1")));
  }

  @Test
  void theCanonicalTextIsCompactSortedJson() throws Exception {
    Notification n = Notification.builder().id("n").to(Recipient.email("a@x.io"))
        .viaChannel("email").priority(Priority.HIGH).expiresAt(T0)
        .template(TemplateRef.of("welcome", Map.of("z", List.of(1, 2.5, true), "a", "\"\\\n\u0001"
            + "\ud800", "when", Instant.parse("2026-01-01T09:00:00+09:00"), "day",
            LocalDate.of(2026, 1, 2), "lang", Locale.forLanguageTag("ko-KR"), "id",
            new UUID(0, 1), "big", new BigDecimal("12.3400"), "huge", new BigDecimal("-25E+60"))))
        .build();
    String text = PayloadHash.canonical(n);
    assertThat(text).isEqualTo("{\"category\":null,\"content\":{\"body\":null,\"data\":{},"
        + "\"html\":null,\"subject\":null,\"text\":null,\"title\":null},"
        + "\"expiresAt\":\"2026-01-01T00:00:00Z\",\"options\":{},\"priority\":\"HIGH\","
        + "\"recipients\":[\"email:a@x.io\"],\"sendAt\":null,\"targets\":[{\"channel\":\"email\"}],"
        + "\"template\":{\"id\":\"welcome\",\"locale\":null,\"variables\":{"
        + "\"a\":\"\\\"\\\\\\n\\u0001\\ud800\",\"big\":12.34,\"day\":\"2026-01-02\","
        + "\"huge\":-25E60,\"id\":\"00000000-0000-0000-0000-000000000001\",\"lang\":\"ko-KR\","
        + "\"when\":\"2026-01-01T00:00:00Z\",\"z\":[1,2.5,true]}}}");
    JsonNode parsed = new ObjectMapper().readTree(text);
    assertThat(parsed.at("/template/variables/a").asText()).isEqualTo("\"\\\n\u0001\ud800");
  }

  @Test
  void aLoneSurrogateIsEncodedNotReplaced() {
    assertThat(PayloadHash.of(base.toBuilder().title("\ud83d").build()))
        .isNotEqualTo(PayloadHash.of(base.toBuilder().title("?").build()));
  }

  @Test
  void timeValuesAreIsoAndInstantsUtc() {
    assertThat(hash(Map.of("t", Instant.parse("2026-01-01T09:00:00+09:00"))))
        .isEqualTo(hash(Map.of("t", "2026-01-01T00:00:00Z")));
    assertThat(hash(Map.of("t", OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9)))))
        .isEqualTo(hash(Map.of("t", "2026-01-01T09:00+09:00")));
    assertThat(hash(Map.of("d", Duration.ofMinutes(90)))).isEqualTo(hash(Map.of("d", "PT1H30M")));
  }

  /**
   * Pins the encoding. If this fails, the canonical text changed: stored hashes of the old
   * encoding no longer match, so every resend of an id stored before would be a conflict. Bump
   * {@link PayloadHash#VERSION} (and say so in the release notes) before updating this value;
   * never update it alone. Derived once from this notification with the v2 encoding.
   */
  @Test
  void goldenHashOfAFixedNotification() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("b", List.of(1, 2.5, "x"));
    nested.put("a", Map.of("deep", true));
    Notification n = Notification.builder().id("golden-1")
        .to(Recipient.email("ada@example.com"), Recipient.user("ada"))
        .viaChannel("email").via(ChannelType.SMS).viaPush()
        .category("orders").priority(Priority.HIGH)
        .title("Shipped").body("Your order shipped").data("order", "A-1").data("eta", "Tue")
        .subject("Order A-1").text("It ships.").html("<p>It ships.</p>")
        .template(TemplateRef.of("order-shipped", Map.of("name", "Ada", "nested", nested,
            "tags", new String[] {"x", "y"})).withLocale(Locale.forLanguageTag("ko-KR")))
        .sendAt(T0).expiresAt(T0.plusSeconds(3600))
        .options(new Opts("t", 3, Map.of("k", "v")))
        .metadata("tenant", "acme")
        .build();
    assertThat(PayloadHash.of(n))
        .isEqualTo("v2:ada52d5ff5af82aa3369624d07f51ca90cd530a20e2c69f24f666bea1e21b67b");
  }

  @Test
  void aCycleIsRejectedNamingTheField() {
    Map<String, Object> a = new HashMap<>();
    a.put("b", a);
    InvalidNotificationException e = invalid(Map.of("a", a));
    assertThat(e.field()).isEqualTo("template.variables.a.b");
    assertThat(e.rule()).isEqualTo("contains a cycle (it refers back to template.variables.a)");

    List<Object> list = new ArrayList<>();
    Map<String, Object> m = new HashMap<>();
    m.put("items", list);
    list.add("x");
    list.add(m);
    e = invalid(Map.of("m", m));
    assertThat(e.field()).isEqualTo("template.variables.m.items[1]");
    assertThat(e.rule()).startsWith("contains a cycle");
  }

  @Test
  void aSharedValueThatIsNotACycleIsAccepted() {
    Map<String, Object> shared = Map.of("x", 1);
    assertThat(hash(Map.of("a", shared, "b", List.of(shared, shared))))
        .isEqualTo(hash(Map.of("a", Map.of("x", 1), "b", List.of(Map.of("x", 1), Map.of("x", 1)))));
  }

  @Test
  void nestingDeeperThanTheLimitIsRejectedWithoutOverflowingTheStack() {
    Map<String, Object> deep = new HashMap<>();
    Map<String, Object> at = deep;
    for (int i = 0; i < 20_000; i++) {
      Map<String, Object> next = new HashMap<>();
      at.put("x", next);
      at = next;
    }
    InvalidNotificationException e = invalid(Map.of("deep", deep));
    assertThat(e.rule()).isEqualTo("nested deeper than 32 levels");
    assertThat(e.field()).isEqualTo("template.variables.deep" + ".x".repeat(32));

    List<Object> list = new ArrayList<>();
    List<Object> in = list;
    for (int i = 0; i < 20_000; i++) {
      List<Object> next = new ArrayList<>();
      in.add(next);
      in = next;
    }
    assertThat(invalid(Map.of("l", list)).field()).isEqualTo("template.variables.l" + "[0]".repeat(32));

    Map<String, Object> limit = new HashMap<>();
    at = limit;
    for (int i = 0; i < 30; i++) {
      Map<String, Object> next = new HashMap<>();
      at.put("x", next);
      at = next;
    }
    at.put("x", "level 32");
    assertThat(hash(Map.of("ok", limit))).startsWith("v2:");
  }

  @Test
  void unsupportedValuesAreRejectedNamingTheTypeAndTheRule() {
    InvalidNotificationException e = invalid(Map.of("user", Map.of("profile", new Foo())));
    assertThat(e.field()).isEqualTo("template.variables.user.profile");
    assertThat(e.rule()).isEqualTo("value of type " + Foo.class.getName()
        + " is not supported; use strings, numbers, booleans, lists and maps");
    assertThat(invalid(Map.of("q", new java.util.ArrayDeque<>(List.of(1)))).rule())
        .startsWith("value of type java.util.ArrayDeque is not supported");
    assertThat(invalid(Map.of("n", Double.NaN)).rule()).isEqualTo("is NaN, not a finite number");

    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    assertThat(invalid(Map.of("m", nullKey)).rule()).isEqualTo("has a null key");
    Map<Object, Object> twoOnes = new HashMap<>();
    twoOnes.put(1, "int");
    twoOnes.put("1", "string");
    assertThat(invalid(Map.of("m", twoOnes)).rule()).isEqualTo("has two keys that read as '1'");
    assertThat(invalid(Map.of("m", Map.of(new Foo(), 1))).rule())
        .startsWith("has a key of type " + Foo.class.getName() + ", which is not supported");
  }

  @Test
  void aSharedTreeTooLargeToWalkIsRejected() {
    Object tree = "leaf";
    for (int i = 0; i < 20; i++) {
      tree = List.of(tree, tree);
    }
    InvalidNotificationException e = invalid(Map.of("t", tree));
    assertThat(e.field()).isEqualTo("template.variables");
    assertThat(e.rule()).isEqualTo("holds more than 100000 values, counting nested ones");
  }

  @Test
  void optionsMustBeRecordsOrEnumsAndFollowTheSameRules() {
    assertThatThrownBy(() -> PayloadHash.of(base.toBuilder().options(new ClassOpts()).build()))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("options[" + ClassOpts.class.getName() + "]");
          assertThat(e.rule()).contains("neither a record nor an enum");
        });
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    assertThatThrownBy(() -> PayloadHash.of(base.toBuilder().options(new Opts("a", 1, cyclic))
        .build()))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e ->
            assertThat(e.field()).isEqualTo("options[" + Opts.class.getName() + "].extra.self"));
  }
}
