package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.recipient.UserProfile;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import dev.notify.template.TemplateRef;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private static final Locale KO = Locale.forLanguageTag("ko");

  private final RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL)
      .build();
  private final RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  private final InMemoryTemplateStore templates = new InMemoryTemplateStore()
      .put(Template.builder("shipped", Locale.ENGLISH)
          .variant(Locale.ENGLISH, TemplateParts.builder()
              .email("Order {{order}} shipped", "Hi {{name}}, order {{order}} shipped.",
                  "<p>Hi {{name}}, order <b>{{order}}</b> shipped.</p>")
              .sms("Order {{order}} shipped").build())
          .variant(KO, TemplateParts.builder()
              .email("주문 {{order}} 발송", "{{name}}님, 주문 {{order}} 발송.",
                  "<p>{{name}}님 ({{carrier}})</p>")
              .sms("주문 {{order}} 발송").build())
          .build());
  private final NotificationClient client = NotificationClient.builder().channel(email)
      .channel(sms).templates(templates).recipientDirectory(users).build();

  @AfterEach
  void close() {
    client.close();
  }

  private Content sentTo(RecordingChannel ch, String id) {
    return ch.sends().stream().filter(d -> d.message().notificationId().equals(id)).findFirst()
        .orElseThrow().message().content();
  }

  @Test
  void partsAreRenderedPerChannelInTheUsersLocaleWithFallback() {
    users.put(UserProfile.builder("ko").email("k@example.com").phone("+821012345678")
        .locale(Locale.forLanguageTag("ko-KR")).build());
    users.put(UserProfile.builder("fr").email("f@example.com").locale(Locale.FRENCH).build());
    Map<String, Object> vars = Map.of("name", "<Ada>", "order", "A-1", "carrier", "CJ");
    finalStatus(client.send(Notification.builder().id("ko-1").to(Recipient.user("ko"))
        .template("shipped", vars).build()));
    finalStatus(client.send(Notification.builder().id("fr-1").to(Recipient.user("fr"))
        .template("shipped", vars).build()));

    Content ko = sentTo(email, "ko-1");
    assertThat(ko.subject()).isEqualTo("주문 A-1 발송");
    assertThat(ko.text()).isEqualTo("<Ada>님, 주문 A-1 발송.");
    assertThat(ko.html()).isEqualTo("<p>&lt;Ada&gt;님 (CJ)</p>");
    assertThat(sentTo(sms, "ko-1").body()).isEqualTo("주문 A-1 발송");
    assertThat(sentTo(email, "fr-1").subject()).isEqualTo("Order A-1 shipped");
  }

  @Test
  void aMissingVariableOrTemplateIsRejectedAtSend() {
    assertThatThrownBy(() -> client.send(Notification.builder().id("m-1")
        .to(Recipient.email("a@example.com")).template("shipped", Map.of("order", "A-1")).build()))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).startsWith("template.shipped[en].email");
          assertThat(e.rule()).contains("missing variable 'name'");
        });
    assertThatThrownBy(() -> client.send(Notification.builder().id("m-2")
        .to(Recipient.email("a@example.com")).template(TemplateRef.of("nope")).build()))
        .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("nope");
    assertThat(client.status("m-1")).isEmpty();
    assertThat(client.status("m-2")).isEmpty();
  }

  @Test
  void aVariableOnlyALocaleVariantNeedsFailsThatDeliveryAtDispatch() {
    users.put(UserProfile.builder("ko").email("k@example.com").locale(KO).build());
    DeliveryStatus d = finalStatus(client.send(Notification.builder().id("v-1")
        .to(Recipient.user("ko")).template("shipped", Map.of("name", "Ada", "order", "A-1"))
        .build())).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.reason()).contains("carrier");
    assertThat(email.sendCount()).isZero();
  }

  @Test
  void aTemplatedNotificationClaimedByAnInstanceWithoutTemplatesFailsWithTheReason() {
    // Found by the null-annotation review: the instance that accepted it had a template store,
    // the one that claims it from the shared log has none. It used to throw at dispatch and be
    // retried after every lease, forever.
    ManualTime time = ManualTime.startingAt(Fixtures.T0);
    InMemoryNotificationLog shared = InMemoryNotificationLog.create();
    try (NotificationClient accepting = NotificationClient.builder().channel(email)
        .templates(templates).log(shared).clock(time.clock()).scheduler(time)
        .instanceId("a").build()) {
      accepting.send(Notification.builder().id("later").to(Recipient.email("a@example.com"))
          .template("shipped", Map.of("name", "Ada", "order", "7"))
          .sendAt(Fixtures.T0.plusSeconds(3_600)).build());
    }
    RecordingChannel other = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    try (NotificationClient claiming = NotificationClient.builder().channel(other).log(shared)
        .clock(time.clock()).scheduler(time).instanceId("b").build()) {
      time.advance(java.time.Duration.ofHours(1));
      DeliveryStatus d = Fixtures.awaitStatus(claiming, "later",
          s -> s.deliveries().get(0).state().isTerminal()).deliveries().get(0);
      assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(d.reason()).contains("template 'shipped' cannot be rendered")
          .contains("no template store");
      assertThat(other.sendCount()).isZero();
    } finally {
      time.close();
    }
  }
}
