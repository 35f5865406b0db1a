package dev.notify.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.spi.store.TemplateEngine;
import dev.notify.template.Template;
import dev.notify.template.TemplateException;
import dev.notify.template.TemplateParts;
import dev.notify.template.TemplateRef;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
  private static final Locale KO_KR = Locale.forLanguageTag("ko-KR");

  private final InMemoryTemplateStore store = InMemoryTemplateStore.fromClasspath("templates");
  private final TemplateRenderer renderer =
      new TemplateRenderer(store, new MustacheTemplateEngine());

  private static TemplateRef shipped() {
    return TemplateRef.of("order-shipped",
        Map.of("name", "Mina", "orderId", "A-1", "carrier", "CJ"));
  }

  @Test
  void rendersEveryPartInTheDefaultLocaleForAnUnknownUserLocale() {
    Content push = renderer.render(shipped(), ChannelType.FCM, null);
    assertThat(push.title()).isEqualTo("Your order shipped");
    assertThat(push.body()).isEqualTo("Hi Mina, order A-1 is on its way.");
    assertThat(push.data()).containsExactlyInAnyOrderEntriesOf(
        Map.of("orderId", "A-1", "kind", "order"));
    assertThat(push.subject()).isNull();

    Content email = renderer.render(shipped(), ChannelType.EMAIL, null);
    assertThat(email.subject()).isEqualTo("Order A-1 shipped");
    assertThat(email.text()).isEqualTo("Hi Mina, order A-1 is on its way.");
    assertThat(email.html()).isEqualTo("<p>Hi Mina, order <b>A-1</b> is on its way.</p>");
    assertThat(email.title()).isNull();
  }

  @Test
  void regionFallsBackToLanguageThenToTheDefaultLocale() {
    // ko-KR has only an apns part: APNs uses it, FCM falls back to ko's push part
    assertThat(renderer.render(shipped(), ChannelType.APNS, KO_KR).title())
        .isEqualTo("[한국] 주문 발송");
    assertThat(renderer.render(shipped(), ChannelType.FCM, KO_KR).title())
        .isEqualTo("주문이 발송되었습니다");
    // neither ko-KR nor ko has an sms part: the default locale's
    assertThat(renderer.render(shipped(), ChannelType.SMS, KO_KR).body())
        .startsWith("Order A-1 shipped.");
    // a language the template lacks gets the default locale
    assertThat(renderer.render(shipped(), ChannelType.EMAIL, Locale.FRANCE).subject())
        .isEqualTo("Order A-1 shipped");
  }

  @Test
  void aFixedLocaleOnTheReferenceWinsOverTheUsersLocale() {
    Content c = renderer.render(shipped().withLocale(Locale.ENGLISH), ChannelType.FCM, KO_KR);
    assertThat(c.title()).isEqualTo("Your order shipped");
    Content k = renderer.render(shipped().withLocale(Locale.KOREAN), ChannelType.FCM, null);
    assertThat(k.title()).isEqualTo("주문이 발송되었습니다");
  }

  @Test
  void onlyTheEmailHtmlIsHtmlEscaped() {
    TemplateRef ref = TemplateRef.of("order-shipped",
        Map.of("name", "<Tom & \"Jerry\">", "orderId", "<1>"));
    Content email = renderer.render(ref, ChannelType.EMAIL, null);
    assertThat(email.html())
        .isEqualTo("<p>Hi &lt;Tom &amp; &quot;Jerry&quot;&gt;, order <b>&lt;1&gt;</b> is on its way.</p>");
    assertThat(email.text()).isEqualTo("Hi <Tom & \"Jerry\">, order <1> is on its way.");
    assertThat(email.subject()).isEqualTo("Order <1> shipped");

    Content push = renderer.render(ref, ChannelType.APNS, null);
    assertThat(push.body()).isEqualTo("Hi <Tom & \"Jerry\">, order <1> is on its way.");
    assertThat(push.data()).containsEntry("orderId", "<1>");
    assertThat(renderer.render(ref, ChannelType.SMS, null).body()).startsWith("Order <1> shipped.");
  }

  @Test
  void aMissingSectionIsFalseSoOptionalContentIsASection() {
    assertThat(renderer.render(shipped(), ChannelType.SMS, null).body())
        .isEqualTo("Order A-1 shipped. ");
    TemplateRef tracked = TemplateRef.of("order-shipped",
        Map.of("orderId", "A-1", "trackingUrl", "https://t.example/1"));
    assertThat(renderer.render(tracked, ChannelType.SMS, null).body())
        .isEqualTo("Order A-1 shipped. Track: https://t.example/1");
  }

  @Test
  void aVariableMissingInOneLocaleVariantFailsRenderingNamingEverything() {
    // "carrier" is used only by the ko html, so the send-time check (default locale) passes
    TemplateRef ref = TemplateRef.of("order-shipped", Map.of("name", "Mina", "orderId", "A-1"));
    renderer.validate(ref, Set.of(ChannelType.EMAIL));

    assertThatThrownBy(() -> renderer.render(ref, ChannelType.EMAIL, KO_KR))
        .isInstanceOfSatisfying(TemplateException.class, e -> {
          assertThat(e.templateId()).isEqualTo("order-shipped");
          assertThat(e.locale()).contains(Locale.KOREAN);
          assertThat(e.part()).contains("email.html");
          assertThat(e.variable()).contains("carrier");
          assertThat(e.field()).isEqualTo("template.order-shipped[ko].email.html");
          assertThat(e.rule()).isEqualTo("missing variable 'carrier'");
          assertThat(e).hasMessage(
              "template.order-shipped[ko].email.html: missing variable 'carrier'");
        });
  }

  @Test
  void validateRejectsAMissingVariableAgainstTheDefaultLocale() {
    TemplateRef ref = TemplateRef.of("welcome", Map.of());
    assertThatThrownBy(() -> renderer.validate(ref, Set.of(ChannelType.EMAIL)))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.welcome[en].email.subject");
          assertThat(e.rule()).isEqualTo("missing variable 'name'");
        });
  }

  @Test
  void validateAlsoChecksTheFixedLocaleOfTheReference() {
    TemplateRef ref = TemplateRef.of("order-shipped", Map.of("name", "Mina", "orderId", "A-1"));
    assertThatThrownBy(() -> renderer.validate(ref.withLocale(Locale.KOREAN),
        Set.of(ChannelType.EMAIL)))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.order-shipped[ko].email.html");
          assertThat(e.rule()).isEqualTo("missing variable 'carrier'");
        });
  }

  @Test
  void validateRejectsAnUnknownTemplate() {
    assertThatThrownBy(() -> renderer.validate(TemplateRef.of("nope"), Set.of(ChannelType.SMS)))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.nope");
          assertThat(e.rule()).isEqualTo("unknown template 'nope'");
        });
    assertThatThrownBy(() -> renderer.render(TemplateRef.of("nope"), ChannelType.SMS, null))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template.nope: unknown template 'nope'");
  }

  @Test
  void validateRejectsATemplateWithoutAPartForATargetChannelType() {
    TemplateRef ref = TemplateRef.of("welcome", Map.of("name", "Mina"));
    renderer.validate(ref, Set.of(ChannelType.EMAIL));
    assertThatThrownBy(() -> renderer.validate(ref, Set.of(ChannelType.EMAIL, ChannelType.SMS)))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.welcome[en].sms");
          assertThat(e.rule()).contains("no part for channel type 'sms'")
              .contains("the template has email");
        });
    assertThatThrownBy(() -> renderer.validate(ref, Set.of(ChannelType.APNS)))
        .isInstanceOfSatisfying(InvalidNotificationException.class,
            e -> assertThat(e.rule()).contains("looked for apns and push"));
    assertThatThrownBy(() -> renderer.render(ref, ChannelType.FCM, Locale.KOREAN))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("template.welcome[en].fcm: no part for channel type 'fcm'");
  }

  @Test
  void validateWithoutTargetTypesChecksEveryPartOfTheDefaultLocale() {
    renderer.validate(shipped(), Set.of());
    TemplateRef noName = TemplateRef.of("order-shipped", Map.of("orderId", "A-1"));
    assertThatThrownBy(() -> renderer.validate(noName, Set.of()))
        .isInstanceOfSatisfying(InvalidNotificationException.class,
            e -> assertThat(e.rule()).isEqualTo("missing variable 'name'"));
  }

  @Test
  void aSourceThatDoesNotCompileIsReportedWithItsField() {
    store.put(Template.builder("broken", Locale.ENGLISH)
        .variant(Locale.ENGLISH, TemplateParts.builder().sms("Hi {{#name}}").build()).build());
    assertThatThrownBy(() -> renderer.validate(TemplateRef.of("broken"), Set.of(ChannelType.SMS)))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.broken[en].sms.body");
          assertThat(e.rule()).startsWith("does not compile");
        });
    assertThatThrownBy(() -> renderer.precompile(store.find("broken").orElseThrow()))
        .isInstanceOf(TemplateException.class).hasMessageContaining("sms.body");
  }

  @Test
  void compiledSourcesAreCachedNotReparsedPerRender() {
    AtomicInteger compiles = new AtomicInteger();
    MustacheTemplateEngine mustache = new MustacheTemplateEngine();
    TemplateEngine counting = (source, escapeHtml) -> {
      compiles.incrementAndGet();
      return mustache.compile(source, escapeHtml);
    };
    TemplateRenderer r = new TemplateRenderer(store, counting);
    for (int i = 0; i < 50; i++) {
      r.render(shipped(), ChannelType.EMAIL, null);
      r.render(shipped(), ChannelType.FCM, null);
    }
    // email: subject, text, html; push: title, body, data.orderId, data.kind; the push body and
    // the email text are the same source, compiled once
    assertThat(compiles).hasValue(6);
  }

  @Test
  void aChangedTemplateIsPickedUpAtOnce() {
    TemplateRef ref = TemplateRef.of("greeting", Map.of("name", "Mina"));
    store.put(Template.builder("greeting", Locale.ENGLISH)
        .variant(Locale.ENGLISH, TemplateParts.builder().sms("Hello {{name}}").build()).build());
    assertThat(renderer.render(ref, ChannelType.SMS, null).body()).isEqualTo("Hello Mina");
    store.put(Template.builder("greeting", Locale.ENGLISH)
        .variant(Locale.ENGLISH, TemplateParts.builder().sms("Hi {{name}}").build()).build());
    assertThat(renderer.render(ref, ChannelType.SMS, null).body()).isEqualTo("Hi Mina");
  }

  @Test
  void aCustomChannelTypeUsesThePartUnderItsId() {
    ChannelType slack = ChannelType.of("slack");
    store.put(Template.builder("deploy", Locale.ENGLISH)
        .variant(Locale.ENGLISH, TemplateParts.builder()
            .part("slack", new TemplateParts.Part(null, "Deployed {{version}}", null, null, null,
                null))
            .build())
        .build());
    TemplateRef ref = TemplateRef.of("deploy", Map.of("version", "1.2"));
    renderer.validate(ref, Set.of(slack));
    assertThat(renderer.render(ref, slack, null).body()).isEqualTo("Deployed 1.2");
  }
}
