package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.apns.ApnsChannel;
import dev.notify.apns.ApnsOptions;
import dev.notify.email.EmailAttachment;
import dev.notify.email.EmailChannel;
import dev.notify.email.EmailOptions;
import dev.notify.email.SmtpSecurity;
import dev.notify.fcm.FcmChannel;
import dev.notify.fcm.FcmOptions;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.spi.Delivery;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.Await;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.fcm.FcmPeer;
import dev.notify.testkit.smtp.SmtpPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Big List of Naughty Strings (test resource {@code blns/}) in every field of every shipped
 * channel's message. Each send has one of the allowed outcomes: accepted (stored, and for the email channel's fields received exactly as given),
 * or an {@link InvalidNotificationException} naming the field with nothing stored and the id still
 * free; a value object's own builder may also refuse a string with an
 * {@link IllegalArgumentException} before there is a notification. Anything else fails the test.
 * The counts per field are printed, for the record.
 */
class NaughtyStringsTest {
  private static final String TOKEN = "ab".repeat(32);

  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);

  @RegisterExtension
  static final ProviderPeerExtension<SmtpPeer> SMTP = ProviderPeerExtension.of(SmtpPeer::start);

  @RegisterExtension
  static final ProviderPeerExtension<FcmPeer> FCM = ProviderPeerExtension.of(FcmPeer::start);

  /** A field under test: how to put the string in, and the field an error must name. */
  private record Field(String name, String errorField,
      BiFunction<Notification.Builder, String, Notification.Builder> put,
      Function<OutboundMessage, Object> received) {
    Field(String name, String errorField,
        BiFunction<Notification.Builder, String, Notification.Builder> put) {
      this(name, errorField, put, null);
    }
  }

  private static Notification.Builder email() {
    return Notification.builder().to(Recipient.email("a@example.com")).subject("s").text("t");
  }

  private static Notification.Builder apns() {
    return Notification.builder().to(Recipient.apnsToken(TOKEN)).title("t");
  }

  private static List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(new Field("id", "id", (b, s) -> email().id(s), OutboundMessage::notificationId));
    f.add(new Field("category", "category", (b, s) -> b.category(s), OutboundMessage::category));
    f.add(new Field("content.title", "content.title", (b, s) -> b.title(s),
        m -> m.content().title()));
    f.add(new Field("content.body", "content.body", (b, s) -> b.body(s),
        m -> m.content().body()));
    f.add(new Field("content.subject", "content.subject", (b, s) -> b.subject(s),
        m -> m.content().subject()));
    f.add(new Field("content.text", "content.text", (b, s) -> b.text(s),
        m -> m.content().text()));
    f.add(new Field("content.html", "content.html", (b, s) -> b.html(s),
        m -> m.content().html()));
    f.add(new Field("content.data key", "content.data", (b, s) -> b.data(s, "v")));
    f.add(new Field("content.data value", "content.data", (b, s) -> b.data("k", s),
        m -> m.content().data().get("k")));
    f.add(new Field("metadata key", "metadata", (b, s) -> b.metadata(s, "v")));
    f.add(new Field("metadata value", "metadata", (b, s) -> b.metadata("k", s),
        m -> m.metadata().get("k")));
    f.add(new Field("email address", "recipients[0]", (b, s) -> email()
        .recipients(List.of(Recipient.email(s))), m -> m.address().value()));
    f.add(new Field("user id", "recipients[0]", (b, s) -> email()
        .recipients(List.of(Recipient.user(s)))));
    f.add(new Field("group id", "recipients[0]", (b, s) -> email()
        .recipients(List.of(Recipient.group(s)))));
    f.add(new Field("apns token", "recipients[0]", (b, s) -> apns()
        .recipients(List.of(Recipient.apnsToken(s)))));
    f.add(new Field("apns title", "content.title", (b, s) -> apns().title(s)));
    f.add(new Field("apns body", "content.body", (b, s) -> apns().body(s)));
    f.add(new Field("apns data key", "content.data", (b, s) -> apns().data(s, "v")));
    f.add(new Field("apns data value", "content.data", (b, s) -> apns().data("k", s)));
    f.add(options("options.topic", s -> ApnsOptions.builder().topic(s)));
    f.add(options("options.collapseId", s -> ApnsOptions.builder().collapseId(s)));
    f.add(options("options.subtitle", s -> ApnsOptions.builder().subtitle(s)));
    f.add(options("options.sound", s -> ApnsOptions.builder().sound(s)));
    f.add(options("options.threadId", s -> ApnsOptions.builder().threadId(s)));
    f.add(options("options.category", s -> ApnsOptions.builder().category(s)));
    f.add(options("options.customData key", s -> ApnsOptions.builder().customData(s, "v")));
    f.add(options("options.customData value", s -> ApnsOptions.builder().customData("k", s)));
    // notify-email's fields, through a real EmailChannel (its validate refuses CR and LF in
    // every header-bound field) to a local SMTP peer.
    f.add(new Field("smtp subject", "content.subject", (b, s) -> smtp().subject(s)));
    f.add(new Field("smtp html", "content", (b, s) -> smtp().html(s)));
    f.add(smtpOptions("smtp header name", s -> EmailOptions.builder().header("X-" + s, "v")));
    f.add(smtpOptions("smtp header value", s -> EmailOptions.builder().header("X-Tag", s)));
    f.add(smtpOptions("smtp reply-to", s -> EmailOptions.builder().replyTo(s)));
    f.add(smtpOptions("smtp attachment name", s -> EmailOptions.builder()
        .attachment(EmailAttachment.of(s, "application/pdf", new byte[] {'%'}))));
    // notify-fcm's fields, through a real FcmChannel (firebase-admin) to the local FCM peer.
    f.add(new Field("fcm token", "recipients[0]", (b, s) -> fcm()
        .recipients(List.of(Recipient.fcmToken(s)))));
    f.add(new Field("fcm title", "content.title", (b, s) -> fcm().title(s)));
    f.add(new Field("fcm body", "content.body", (b, s) -> fcm().body(s)));
    f.add(new Field("fcm data key", "content.data", (b, s) -> fcm().data(s, "v")));
    f.add(new Field("fcm data value", "content.data", (b, s) -> fcm().data("k", s)));
    f.add(fcmOptions("fcm image", s -> FcmOptions.builder().image(s)));
    f.add(fcmOptions("fcm options data key", s -> FcmOptions.builder().data(s, "v")));
    f.add(fcmOptions("fcm options data value", s -> FcmOptions.builder().data("k", s)));
    f.add(fcmOptions("fcm collapse key", s -> FcmOptions.builder().collapseKey(s)));
    f.add(fcmOptions("fcm channel id", s -> FcmOptions.builder().androidChannelId(s)));
    f.add(fcmOptions("fcm apns header value", s -> FcmOptions.builder().apnsHeader("apns-x", s)));
    f.add(fcmOptions("fcm apns sound", s -> FcmOptions.builder().sound(s)));
    f.add(fcmOptions("fcm apns thread id", s -> FcmOptions.builder().threadId(s)));
    f.add(fcmOptions("fcm web header name", s -> FcmOptions.builder().webHeader(s, "v")));
    f.add(fcmOptions("fcm web link", s -> FcmOptions.builder().webLink(s)));
    f.add(fcmOptions("fcm web icon", s -> FcmOptions.builder().webIcon(s)));
    return f;
  }

  /** A push to the real FcmChannel. */
  private static Notification.Builder fcm() {
    return Notification.builder().to(Recipient.fcmToken(FcmPeer.token(1))).title("t");
  }

  private static Field fcmOptions(String name,
      Function<String, FcmOptions.Builder> options) {
    return new Field(name, "options", (b, s) -> fcm().options(options.apply(s).build()));
  }

  /** An email to the real EmailChannel named {@code smtp}. */
  private static Notification.Builder smtp() {
    return email().viaChannel("smtp");
  }

  private static Field smtpOptions(String name,
      Function<String, EmailOptions.Builder> options) {
    return new Field(name, "options", (b, s) -> smtp().options(options.apply(s).build()));
  }

  private static Field options(String name,
      Function<String, ApnsOptions.Builder> options) {
    return new Field(name, "options", (b, s) -> apns().options(options.apply(s).build()));
  }

  @Test
  void everyNaughtyStringInEveryFieldHasAnAllowedOutcome(MockApnsPeer peer, SmtpPeer smtpPeer,
      FcmPeer fcmPeer) throws Exception {
    List<String> corpus = NaughtyTally.corpus();
    assertThat(corpus).hasSizeGreaterThan(480);
    ApnsPeerCredentials c = peer.credentials();
    RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    NaughtyTally tally = new NaughtyTally();
    Map<String, Expected> expected = new LinkedHashMap<>();
    try (ApnsChannel apns = ApnsChannel.builder().server(c.host(), c.port())
        .trustedServerCertificates(c.trustedCertificate())
        .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId()).topic(c.topic()).build();
        EmailChannel smtp = EmailChannel.builder().name("smtp")
            .server(smtpPeer.host(), smtpPeer.port()).security(SmtpSecurity.NONE)
            .from("shop@example.com", "Shop").build();
        FcmChannel fcm = FcmPeerConnection.channel(fcmPeer.baseUri(), "blns").build();
        NotificationClient client = NotificationClient.builder().channel(email).channel(apns)
            .channel(smtp).channel(fcm).defaultChannel(ChannelType.EMAIL, "email")
            .recipientDirectory(new InMemoryRecipientDirectory()).capacity(100_000).build()) {
      int n = 0;
      for (Field field : fields()) {
        boolean idField = field.name().equals("id");
        for (int i = 0; i < corpus.size(); i++) {
          String s = corpus.get(i);
          String id = "blns-" + n++;
          tally.send(client, field.name(), field.errorField(), i, () -> {
            Notification.Builder b = field.put().apply(email().id(id), s);
            return (idField ? b : b.id(id)).build();
          }, free -> idField || idIsFree(client, free)).ifPresent(note -> {
            if (field.received() != null) {
              expected.put(note.id(), new Expected(field, s));
            }
          });
        }
      }
      // Accepted exactly: what the channel received is what was sent, char for char.
      Await.atMost(Duration.ofSeconds(60)).until("every accepted email is at the channel", () ->
          email.sends().stream().map(d -> d.message().notificationId()).collect(
              Collectors.toSet()).containsAll(expected.keySet()));
      for (Delivery d : email.sends()) {
        Expected e = expected.get(d.message().notificationId());
        if (e != null && !e.value().equals(e.field().received().apply(d.message()))) {
          tally.mismatch(e.field().name() + ": received another value than was sent");
        }
      }
    }
    tally.assertOnlyAllowedOutcomes("BLNS (" + corpus.size() + " strings)");
  }

  private record Expected(Field field, String value) {
  }

  private static boolean idIsFree(NotificationClient client, String id) {
    client.send(email().id(id).build());
    return client.status(id).isPresent();
  }
}
