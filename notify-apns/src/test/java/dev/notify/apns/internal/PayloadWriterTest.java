package dev.notify.apns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notify.Content;
import dev.notify.apns.ApnsOptions;
import dev.notify.apns.ApnsPushType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, Object> parse(byte[] payload) throws Exception {
    return JSON.readValue(payload, new TypeReference<Map<String, Object>>() { });
  }

  @Test
  void everyApsPartGoesUnderItsAppleKey() throws Exception {
    ApnsOptions options = ApnsOptions.builder().subtitle("Sub").badge(3).sound("ping.caf")
        .category("ORDER").threadId("orders").mutableContent(true).contentAvailable(true).build();
    byte[] payload = PayloadWriter.write(new Content("Title", "Body", Map.of(), null, null, null),
        options, ApnsPushType.ALERT);

    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("title", "Title");
    alert.put("subtitle", "Sub");
    alert.put("body", "Body");
    Map<String, Object> aps = new LinkedHashMap<>();
    aps.put("alert", alert);
    aps.put("badge", 3);
    aps.put("sound", "ping.caf");
    aps.put("category", "ORDER");
    aps.put("thread-id", "orders");
    aps.put("mutable-content", 1);
    aps.put("content-available", 1);
    assertThat(parse(payload)).isEqualTo(Map.of("aps", aps));
  }

  @Test
  void aBackgroundPushHasContentAvailableAndNoAlert() throws Exception {
    byte[] payload = PayloadWriter.write(new Content(null, null, Map.of("sync", "inbox"), null,
        null, null), ApnsOptions.ofDefaults(), ApnsPushType.BACKGROUND);

    assertThat(parse(payload)).isEqualTo(Map.of("aps", Map.of("content-available", 1),
        "sync", "inbox"));
  }

  @Test
  void customDataKeepsItsTypesAndWinsOverContentDataWithTheSameKey() throws Exception {
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("orderId", "override");
    custom.put("count", 7L);
    custom.put("ratio", 0.5);
    custom.put("price", new BigDecimal("12.30"));
    custom.put("flag", true);
    custom.put("nested", Map.of("list", List.of(1, "two", false)));
    byte[] payload = PayloadWriter.write(new Content("T", null,
        Map.of("orderId", "1234", "kind", "shipped"), null, null, null),
        ApnsOptions.builder().customData(custom).build(), ApnsPushType.ALERT);

    Map<String, Object> parsed = parse(payload);
    assertThat(parsed).containsEntry("orderId", "override").containsEntry("kind", "shipped")
        .containsEntry("count", 7).containsEntry("ratio", 0.5).containsEntry("flag", true)
        .containsEntry("nested", Map.of("list", List.of(1, "two", false)));
    assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"price\":12.30")
        .containsOnlyOnce("\"orderId\"");
  }

  @Test
  void textIsEscapedAndItsSizeCountsUtf8Bytes() throws Exception {
    String body = "Quote \" backslash \\ newline \n tab \t bell \u0007 한국어 😀";
    byte[] payload = PayloadWriter.write(new Content(null, body, Map.of(), null, null, null),
        ApnsOptions.ofDefaults(), ApnsPushType.ALERT);

    assertThat(parse(payload)).isEqualTo(Map.of("aps", Map.of("alert", Map.of("body", body))));
    String json = new String(payload, StandardCharsets.UTF_8);
    assertThat(payload.length).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    assertThat(json).contains("\\\"", "\\\\", "\\n", "\\t", "\\u0007");
  }

  @Test
  void sizingCountsExactlyTheBytesThatWritingProduces() {
    Content content = new Content("Título 😀", "x".repeat(3000) + " ünïcödé \" \n",
        Map.of("k", "v"), null, null, null);
    ApnsOptions options = ApnsOptions.builder().badge(12).sound("s")
        .customData(Map.of("n", List.of(1, 2.5, "three"))).build();

    for (ApnsPushType type : new ApnsPushType[] {ApnsPushType.ALERT, ApnsPushType.VOIP}) {
      assertThat(PayloadWriter.size(content, options, type))
          .isEqualTo(PayloadWriter.write(content, options, type).length);
    }
  }
}
