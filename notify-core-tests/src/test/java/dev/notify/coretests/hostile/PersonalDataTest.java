package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.apns.ApnsChannel;
import dev.notify.apns.ApnsOptions;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.Redaction;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.RecordingListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No toString(), exception or event shows a full email, phone, token or key id. */
class PersonalDataTest {
  private static final String EMAIL = "ada.lovelace@example.com";
  private static final String PHONE = "+14155550123";
  private static final String TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final String KEY_ID = "ABC123DEFG";
  private static final String[] SECRETS = {EMAIL, PHONE, TOKEN, KEY_ID, "lovelace"};

  private static void assertClean(Object... shown) {
    for (Object o : shown) {
      String text = o instanceof Throwable t ? describe(t) : String.valueOf(o);
      assertThat(text).as("shown: %s", text).doesNotContain(SECRETS);
    }
  }

  /** An exception as a log line shows it: every message and class along the cause chain. */
  private static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" / ");
    }
    return b.toString();
  }

  @Test
  void valueTypesMaskWhatIdentifiesAPerson() {
    Notification n = Notification.builder().id("order-1").to(Recipient.email(EMAIL),
        Recipient.phone(PHONE), Recipient.apnsToken(TOKEN), Recipient.user(EMAIL),
        Recipient.group(EMAIL)).title("Hi").body("Hello").metadata("customer", EMAIL)
        .options(ApnsOptions.builder().collapseId("c-1").build()).build();
    OutboundMessage m = new OutboundMessage(n.id(), Recipient.email(EMAIL), n.content(),
        n.priority(), null, Instant.EPOCH, n.options(), n.metadata());
    assertClean(n, n.recipients(), m, Recipient.user(PHONE), Recipient.group(PHONE),
        UserProfile.builder(EMAIL).email(EMAIL).phone(PHONE).apnsToken(TOKEN, Instant.EPOCH)
            .build());
  }

  @Test
  void statusesEventsAndErrorsMaskAddresses() throws Exception {
    RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    RecordingListener events = new RecordingListener();
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .listener(events).build()) {
      SendReceipt r = client.send(Notification.builder().id("n-1").to(Recipient.email(EMAIL))
          .subject("s").text("t").metadata("phone", PHONE).build());
      var status = r.completion().get(10, TimeUnit.SECONDS);
      assertClean(r, status, status.deliveries(), client.history(Recipient.email(EMAIL), 5));
      assertClean(events.events().toArray());
      Throwable noChannel = catchThrowable(() -> client.send(Notification.builder().id("n-2")
          .to(Recipient.phone(PHONE)).body("b").build()));
      assertThat(noChannel).isInstanceOf(InvalidNotificationException.class);
      assertClean(noChannel);
    }
  }

  @Test
  void theClientsExceptionsDoNotShowAddresses() {
    RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(email)
        .capacity(1).build()) {
      email.hold();
      client.send(Notification.builder().id("first").to(Recipient.email(EMAIL)).subject("s")
          .text("t").build());
      Throwable conflict = catchThrowable(() -> client.send(Notification.builder().id("first")
          .to(Recipient.email(EMAIL)).subject("other").text("t").build()));
      Throwable full = catchThrowable(() -> client.send(Notification.builder().id("second")
          .to(Recipient.email(EMAIL), Recipient.email("b@example.com")).subject("s").text("t")
          .build()));
      Throwable invalid = catchThrowable(() -> client.send(Notification.builder().id("third")
          .to(Recipient.user(EMAIL)).subject("s").text("t").build()));
      assertThat(conflict).isInstanceOf(dev.notify.IdempotencyConflictException.class);
      assertThat(full).isInstanceOf(dev.notify.QueueFullException.class);
      assertThat(invalid).isInstanceOf(InvalidNotificationException.class);
      assertClean(conflict, full, invalid);
      email.release();
    }
  }

  @Test
  void anApnsChannelAndItsRefusalsDoNotShowTheKeyIdOrToken() {
    try (MockApnsPeer peer = MockApnsPeer.builder().keyId(KEY_ID).teamId("TEAM123456").start()) {
      ApnsPeerCredentials c = peer.credentials();
      try (ApnsChannel apns = ApnsChannel.builder().server(c.host(), c.port())
          .trustedServerCertificates(c.trustedCertificate())
          .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId()).topic(c.topic()).build();
          NotificationClient client = NotificationClient.builder().channel(apns).build()) {
        Throwable badToken = catchThrowable(() -> client.send(Notification.builder().id("t")
            .to(Recipient.apnsToken(TOKEN.substring(1))).title("t").build()));
        assertThat(badToken).isInstanceOf(InvalidNotificationException.class);
        assertClean(apns, badToken, peer.credentials());
      }
    }
  }

  @Test
  void anFcmChannelItsOptionsAndItsResultsDoNotShowTheTokenOrData() throws Exception {
    try (dev.notify.testkit.fcm.FcmPeer peer = dev.notify.testkit.fcm.FcmPeer.start()) {
      peer.respond(TOKEN, dev.notify.testkit.fcm.FcmAnswer.error("UNREGISTERED"));
      dev.notify.fcm.FcmChannel fcm = dev.notify.fcm.testing.FcmPeerConnection
          .channel(peer.baseUri(), "pii-project").build();
      dev.notify.fcm.FcmOptions options = dev.notify.fcm.FcmOptions.builder()
          .data("customer", EMAIL).collapseKey(PHONE).webLink("https://example.com/" + EMAIL)
          .build();
      try (NotificationClient client = NotificationClient.builder().channel(fcm).build()) {
        Throwable badToken = catchThrowable(() -> client.send(Notification.builder().id("f")
            .to(Recipient.fcmToken(TOKEN + "!")).title("t").build()));
        assertThat(badToken).isInstanceOf(InvalidNotificationException.class);
        SendReceipt r = client.send(Notification.builder().id("u").to(Recipient.fcmToken(TOKEN))
            .title("t").options(options).build());
        assertClean(fcm, options, badToken, r.completion().get(30, TimeUnit.SECONDS),
            peer.awaitReceived(1, java.time.Duration.ofSeconds(30)));
      }
    }
  }

  @Test
  void aMissingKeyFileDoesNotShowTheKeyId() {
    Throwable e = catchThrowable(() -> ApnsChannel.builder().tokenAuth(
        Path.of("/nonexistent/keys/AuthKey_" + KEY_ID + ".p8"), "TEAM123456", KEY_ID));
    assertThat(e).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("could not read the signing key /nonexistent/keys/");
    assertClean(e);
  }

  @Test
  void maskingNeverSplitsASurrogatePair() {
    List<String> masked = new ArrayList<>();
    for (String s : List.of("\ud83d\ude00".repeat(8), "\ud83d\ude00@example.com",
        "ab\ud83d\ude00cdef\ud83d\ude00", "x".repeat(7) + "\ud83d\ude00")) {
      masked.add(Redaction.mask(s));
    }
    for (String s : masked) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              .as("pair kept in %s", s).isTrue();
          i++;
        } else {
          assertThat(Character.isSurrogate(c)).as("no half pair in %s", s).isFalse();
        }
      }
    }
    assertThat(Redaction.mask("\ud83d\ude00".repeat(8))).endsWith("(8)");
    assertThat(Map.of("k", Redaction.mask(EMAIL))).doesNotContainValue(EMAIL);
  }
}
