package dev.notify.spi.codec;

import static dev.notify.testsupport.SampleNotifications.assertSameNotification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notify.ChannelOptions;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.template.TemplateRef;
import dev.notify.testsupport.SampleNotifications;
import dev.notify.testsupport.SampleNotifications.PushOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "a1".repeat(32);

  private final NotificationCodec codec = SampleNotifications.codec();

  /** A record as a template variable: it reads back as the map of its components. */
  record Line(String sku, int quantity) {
  }

  enum Tier { GOLD }

  /** Options without a codec in {@link #codec}. */
  record Unregistered(String x) implements ChannelOptions {
  }

  private Notification roundTrip(Notification n) {
    return codec.fromJson(codec.toJson(n));
  }

  private static Notification.Builder minimal() {
    return Notification.builder().id("n-1").to(Recipient.apnsToken(TOKEN)).title("t");
  }

  private ObjectNode tree(Notification n) throws Exception {
    return (ObjectNode) JSON.readTree(codec.toJson(n));
  }

  private String edited(Notification n, java.util.function.Consumer<ObjectNode> edit)
      throws Exception {
    ObjectNode doc = tree(n);
    edit.accept(doc);
    return JSON.writeValueAsString(doc);
  }

  @Test
  void everyFieldAndEveryRecipientKindRoundTrips() {
    Notification n = SampleNotifications.everyField();
    Notification back = roundTrip(n);
    assertSameNotification(back, n);
    assertThat(back.recipients()).extracting(Object::getClass).containsExactly(
        Recipient.Address.class, Recipient.Address.class, Recipient.Address.class,
        Recipient.Address.class, Recipient.Address.class, Recipient.User.class,
        Recipient.Group.class);
    assertThat(((Recipient.Address) back.recipients().get(4)).type())
        .isEqualTo(SampleNotifications.KAKAO);
    assertThat(back.template().orElseThrow().locale()).isEqualTo(Locale.forLanguageTag("ko-KR"));
    assertThat(back.expiresAt()).contains(Instant.parse("2026-01-02T09:00:00.123456789Z"));
  }

  @Test
  void aMinimalNotificationComesBackWithNothingAdded() {
    Notification n = Notification.builder().to(Recipient.user("u")).build();
    Notification back = roundTrip(n);
    assertSameNotification(back, n);
    assertThat(back.id()).isEqualTo(n.id()); // the generated id is kept, not generated again
    assertThat(back.template()).isEmpty();
    assertThat(back.content().isEmpty()).isTrue();
    assertThat(codec.toJson(n)).doesNotContain("template", "options", "sendAt", "metadata");
  }

  @Test
  void writingWhatWasReadGivesTheSameText() {
    String json = codec.toJson(SampleNotifications.everyField());
    assertThat(codec.toJson(codec.fromJson(json))).isEqualTo(json);
  }

  @Test
  void theTextCarriesTheFormatVersionAndOptionsByTypeId() throws Exception {
    JsonNode doc = tree(SampleNotifications.everyField());
    assertThat(doc.get("v").intValue()).isEqualTo(1);
    assertThat(doc.get("options").fieldNames()).toIterable().containsExactly("kakao", "test.push");
    assertThat(doc.get("options").get("test.push").get("badge").intValue()).isEqualTo(3);
    assertThat(doc.get("targets").toString())
        .isEqualTo("[{\"type\":\"sms\"},{\"type\":\"kakao\"},{\"family\":\"push\"},"
            + "{\"channel\":\"email-eu\"}]");
  }

  @Test
  void templateVariablesComeBackAsJsonValues() {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    variables.put("int", 7);
    variables.put("short", (short) 2);
    variables.put("big", BigInteger.TWO.pow(70));
    variables.put("smallBig", BigInteger.TEN);
    variables.put("double", 0.1);
    variables.put("line", new Line("sku-1", 2));
    variables.put("tags", new LinkedHashSet<>(List.of("b", "a")));
    variables.put("array", new int[] {1, 2});
    variables.put("tier", Tier.GOLD);
    variables.put("day", LocalDate.of(2026, 1, 2));
    variables.put("id", UUID.fromString("00000000-0000-0000-0000-000000000001"));
    variables.put("maybe", Optional.of("yes"));
    variables.put("keys", Map.of(1, "one"));
    variables.put("text", new StringBuilder("sb"));
    Notification n = minimal().template("t", variables).build();

    Map<String, Object> back = roundTrip(n).template().orElseThrow().variables();

    assertThat(back).containsExactly(
        Map.entry("int", 7L), Map.entry("short", 2L),
        Map.entry("big", BigInteger.TWO.pow(70)), Map.entry("smallBig", 10L),
        Map.entry("double", 0.1), Map.entry("line", Map.of("sku", "sku-1", "quantity", 2L)),
        Map.entry("tags", List.of("a", "b")), Map.entry("array", List.of(1L, 2L)),
        Map.entry("tier", "GOLD"), Map.entry("day", "2026-01-02"),
        Map.entry("id", "00000000-0000-0000-0000-000000000001"), Map.entry("maybe", "yes"),
        Map.entry("keys", Map.of("1", "one")), Map.entry("text", "sb"));
    assertThatThrownBy(() -> back.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valuesThatWouldNotReadBackWithTheSameHashAreRefusedNamingTheField() {
    assertThatThrownBy(() -> codec.toJson(minimal().template("t", Map.of("price", 0.1f)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template.variables.price: is a Float");
    assertThatThrownBy(() -> codec.toJson(minimal()
        .template("t", Map.of("cart", Map.of("total", new BigDecimal("9.90")))).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template.variables.cart.total: is a BigDecimal");
    assertThatThrownBy(() -> codec.toJson(minimal()
        .template("t", Map.of("list", List.of(1, Double.NaN))).build()))
        .hasMessageStartingWith("template.variables.list[1]: is NaN");
    assertThatThrownBy(() -> codec.toJson(minimal()
        .template("t", Map.of("o", new Object())).build()))
        .hasMessageContaining("template.variables.o: a java.lang.Object is not supported");
    assertThatThrownBy(() -> codec.toJson(minimal()
        .template("t", Map.of("gone", Optional.empty())).build()))
        .hasMessageStartingWith("template.variables.gone: is an empty Optional");
    assertThatThrownBy(() -> codec.toJson(minimal()
        .template(TemplateRef.of("t").withLocale(new Locale("en", "US", "a b"))).build()))
        .hasMessageStartingWith("template.locale:");
  }

  @Test
  void optionsWithoutACodecAreRefusedNamingTheirClass() {
    Notification n = minimal().options(new Unregistered("x")).build();
    assertThatThrownBy(() -> codec.toJson(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("options[" + Unregistered.class.getName() + "]: no"
            + " ChannelOptionsCodec is registered");
  }

  @Test
  void aCodecThatReturnsOtherThanJsonValuesIsRefused() {
    ChannelOptionsCodec<Unregistered> bad = new ChannelOptionsCodec<>() {
      @Override
      public Class<Unregistered> type() {
        return Unregistered.class;
      }

      @Override
      public String typeId() {
        return "bad";
      }

      @Override
      public Map<String, Object> encode(Unregistered options) {
        return Map.of("when", LocalDate.of(2026, 1, 1));
      }

      @Override
      public Unregistered decode(Map<String, Object> json) {
        return new Unregistered("x");
      }
    };
    NotificationCodec withBad = NotificationCodec.builder().codec(bad).build();
    assertThatThrownBy(() -> withBad.toJson(minimal().options(new Unregistered("x")).build()))
        .hasMessageStartingWith("options[" + Unregistered.class.getName() + "].when: is a"
            + " java.time.LocalDate, which is not a JSON value");
  }

  @Test
  void anUnknownTypeIdIsRefused() throws Exception {
    String json = edited(SampleNotifications.everyField(),
        doc -> ((ObjectNode) doc.get("options")).set("sms.twilio", JSON.createObjectNode()));
    assertThatThrownBy(() -> codec.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("options.sms.twilio: unknown typeId 'sms.twilio'; this codec"
            + " knows [kakao, test.push]");
  }

  @Test
  void anotherFormatVersionIsRefused() throws Exception {
    String v2 = edited(minimal().build(), doc -> doc.put("v", 2));
    assertThatThrownBy(() -> codec.fromJson(v2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("v: format version 2 is not supported; this notify reads version 1");
    String none = edited(minimal().build(), doc -> doc.remove("v"));
    assertThatThrownBy(() -> codec.fromJson(none)).hasMessageStartingWith("v: is missing");
    String text = edited(minimal().build(), doc -> doc.put("v", "1"));
    assertThatThrownBy(() -> codec.fromJson(text))
        .hasMessageStartingWith("v: must be the format version, a number, was a string");
  }

  @Test
  void malformedTextIsRefusedWithItsPositionAndNothingPersonal() {
    String secret = "f00dfeedf00dfeed";
    assertThatThrownBy(() -> codec.fromJson("{\"v\":1,\"recipients\":[" + secret + "]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("notification JSON is malformed at line 1, column ")
        .hasMessageNotContaining(secret)
        .hasNoCause();
    assertThatThrownBy(() -> codec.fromJson("{\"v\":1,\"v\":1}"))
        .hasMessageContaining("Duplicate field");
    assertThatThrownBy(() -> codec.fromJson("{\"v\":1} {}")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> codec.fromJson("  ")).hasMessage("notification JSON is empty");
    assertThatThrownBy(() -> codec.fromJson("[1]"))
        .hasMessage("notification JSON must be an object, was an array");
  }

  @Test
  void aWrongValueIsReportedWithItsField() throws Exception {
    Notification n = SampleNotifications.everyField();
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("recipients").get(2)).put("value", 5))))
        .hasMessage("recipients[2].value: must be a string, was a number");
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("recipients").get(0)).put("kind", "robot"))))
        .hasMessage("recipients[0].kind: must be address, user or group, was 'robot'");
    assertThatThrownBy(() -> codec.fromJson(edited(n, doc -> doc.put("sendAt", "tomorrow"))))
        .hasMessageStartingWith("sendAt: must be an ISO-8601 instant");
    assertThatThrownBy(() -> codec.fromJson(edited(n, doc -> doc.put("priority", "URGENT"))))
        .hasMessage("priority: must be one of [HIGH, NORMAL, LOW], was 'URGENT'");
    assertThatThrownBy(() -> codec.fromJson(edited(n, doc -> doc.put("colour", "red"))))
        .hasMessageStartingWith("colour: unknown field");
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("content").get("data")).put("orderId", 1234))))
        .hasMessage("content.data.orderId: must be a string, was a number");
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("targets").get(2)).put("family", "sms"))))
        .hasMessageStartingWith("targets[2].family: must be push");
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("options").get("test.push")).put("badge", "three"))))
        .hasMessage("options.test.push: badge: must be a number, was a string");
  }

  @Test
  void theBuildersChecksStillApply() throws Exception {
    Notification n = minimal().build();
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("recipients").get(0)).put("value", " "))))
        .hasMessage("recipients[0]: apns address must not be blank");
    assertThatThrownBy(() -> codec.fromJson(edited(n,
        doc -> ((ObjectNode) doc.get("recipients").get(0)).put("type", "No Such"))))
        .hasMessageStartingWith("recipients[0].type: channel type id must match");
    Notification templated = minimal().template("t", Map.of("a", 1)).build();
    assertThatThrownBy(() -> codec.fromJson(edited(templated,
        doc -> ((ObjectNode) doc.get("template").get("variables")).putNull("a"))))
        .hasMessage("template: template 't': variable 'a' must not be null");
  }

  @Test
  void addressesInMessagesAreMasked() throws Exception {
    Notification n = Notification.builder().id("n").to(Recipient.apnsToken(TOKEN))
        .sendAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    String json = edited(n, doc -> doc.put("sendAt", TOKEN));
    assertThatThrownBy(() -> codec.fromJson(json)).hasMessageNotContaining(TOKEN)
        .hasMessageContaining("a1…a1(64)");
  }

  @Test
  void loneSurrogatesSurviveAndAreEscaped() {
    Notification n = minimal().body("broken \ud83d pair, whole \ud83d\ude00")
        .metadata("key \ud83d\ude00", "v \udc00").build();
    String json = codec.toJson(n);
    assertThat(json).contains("\\ud83d pair").contains("\\ud83d\\ude00")
        .contains("v \\udc00").doesNotContain("\ud83d").doesNotContain("\udc00");
    Notification back = codec.fromJson(json);
    assertThat(back.content().body()).isEqualTo(n.content().body());
    assertThat(back.metadata()).isEqualTo(n.metadata());
  }

  @Test
  void aKeyWithALoneSurrogateIsRefused() {
    Notification n = minimal().template("t", Map.of("nested", Map.of("k\udc00", 1))).build();
    assertThatThrownBy(() -> codec.toJson(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template.variables.nested: has a key with a lone surrogate at"
            + " index 1");
  }

  @Test
  void whatIsWrittenIsReadHoweverLong() {
    BigInteger huge = BigInteger.TWO.pow(5000); // 1506 digits, past Jackson's default limit
    String longKey = "k".repeat(60_000);
    Notification n = minimal().template("t", Map.of("huge", huge)).metadata(longKey, "v")
        .build();
    Notification back = roundTrip(n);
    assertThat(back.template().orElseThrow().variables()).containsEntry("huge", huge);
    assertThat(back.metadata()).containsEntry(longKey, "v");
  }

  @Test
  void optionsReadBackEqual() {
    PushOptions options = new PushOptions(null, 0, Map.of("list", List.of(true, "s", 2.5)));
    Notification back = roundTrip(minimal().options(options).priority(Priority.LOW).build());
    assertThat(back.options(PushOptions.class)).contains(options);
  }
}
