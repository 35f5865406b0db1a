package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.policy.Limits;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import dev.notify.testkit.RecordingChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One limits model: documented defaults, configurable, checked at send naming the limit. */
class SizeLimitsTest {
  private final RecordingChannel channel = RecordingChannel.builder("email")
      .type(ChannelType.EMAIL).build();

  private static void assertRefused(NotificationClient c, Notification n, String field,
      String rule) {
    assertThatThrownBy(() -> c.send(n)).isInstanceOfSatisfying(
        InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.rule()).contains(rule);
        });
    assertThat(c.status(n.id())).as("nothing stored").isEmpty();
  }

  @Test
  void theDefaultsAreDocumentedValues() {
    Limits d = Limits.ofDefaults();
    assertThat(List.of(d.maxDataBytes(), d.maxTextBytes(), d.maxMetadataEntries(),
        d.maxMetadataBytes(), d.maxRecipients(), d.maxRenderedChars(), d.maxVariablesBytes()))
        .containsExactly(4_096, 1_048_576, 64, 8_192, 1_000, 1_000_000, 65_536);
  }

  @Test
  void oversizedTextAndMetadataAreRefusedNamingTheLimit() {
    try (NotificationClient c = NotificationClient.builder().channel(channel)
        .limits(Limits.builder().maxTextBytes(10).maxMetadata(2, 20).build()).build()) {
      Notification base = email("big", "a@example.com");
      assertRefused(c, base.toBuilder().text("é".repeat(6)).build(), "content.text",
          "at most 10 bytes (UTF-8; Limits.maxTextBytes), was 12");
      assertRefused(c, base.toBuilder().html("x".repeat(11)).build(), "content.html",
          "was 11");
      assertRefused(c, base.toBuilder().metadata("a", "1").metadata("b", "2")
          .metadata("c", "3").build(), "metadata", "at most 2 entries");
      assertRefused(c, base.toBuilder().metadata("a", "x".repeat(20)).build(), "metadata",
          "at most 20 bytes");
      c.send(base.toBuilder().text("é".repeat(5)).build()); // 10 bytes: at the limit
    }
  }

  @Test
  void oversizedTemplateVariablesAreRefusedBeforeTheyAreHashed() {
    try (NotificationClient c = NotificationClient.builder().channel(channel)
        .limits(Limits.builder().maxVariablesBytes(100).build()).build()) {
      Notification n = email("vars", "a@example.com").toBuilder().template("t",
          Map.of("rows", List.of(Map.of("name", "x".repeat(60)), Map.of("name", "y".repeat(60)))))
          .build();
      assertRefused(c, n, "template.variables", "at most 100 bytes");
    }
  }

  @Test
  void tooManyDirectRecipientsAreRefusedWithTheLimitNotAFullQueue() {
    try (NotificationClient c = NotificationClient.builder().channel(channel).build()) {
      Recipient[] many = IntStream.range(0, 1_001).mapToObj(i -> Recipient.email(i + "@x.io"))
          .toArray(Recipient[]::new);
      assertRefused(c, Notification.builder().id("many").to(many).subject("s").text("t")
          .build(), "recipients", "at most 1000 recipients (Limits.maxRecipients), was 1001");
    }
  }

  @Test
  void aTemplateThatRendersPastTheLimitIsRefusedAtSend() {
    InMemoryTemplateStore store = new InMemoryTemplateStore().put(Template.builder("boom",
        Locale.ENGLISH).variant(Locale.ENGLISH, TemplateParts.builder().email("s",
            "{{#a}}{{#a}}{{#a}}{{#a}}{{v}}{{/a}}{{/a}}{{/a}}{{/a}}", null).build()).build());
    List<Map<String, String>> items = IntStream.range(0, 80).mapToObj(i -> Map.of("v", "x"))
        .toList();
    try (NotificationClient c = NotificationClient.builder().channel(channel).templates(store)
        .limits(Limits.builder().maxRenderedChars(10_000).build()).build()) {
      Notification n = Notification.builder().id("boom").to(Recipient.email("a@example.com"))
          .template("boom", Map.of("a", items)).build();
      assertThatThrownBy(() -> c.send(n)).isInstanceOfSatisfying(
          InvalidNotificationException.class,
          e -> assertThat(e.rule()).contains("more than 10000 characters",
              "Limits.maxRenderedChars"));
      assertThat(c.status("boom")).isEmpty();
    }
  }
}
