package dev.notify.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.notify.ChannelType;
import dev.notify.NotificationClient;
import dev.notify.apns.ApnsChannel;
import dev.notify.email.EmailChannel;
import dev.notify.email.SmtpSecurity;
import dev.notify.examples.webhook.LocalWebhookServer;
import dev.notify.examples.webhook.WebhookChannel;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.policy.OptOut;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.QuietHours;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.policy.RetryPolicy;
import dev.notify.recipient.UserProfile;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.fcm.FcmPeer;
import dev.notify.testkit.twilio.TwilioPeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything the demo runs on: the local providers, the users, their preferences, the templates,
 * and one client configured the way an application configures it.
 */
final class DemoWorld implements AutoCloseable {
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  final Clock clock = Clock.systemUTC();
  final Instant start = clock.instant();
  final MockApnsPeer apnsPeer = MockApnsPeer.start();
  final FcmPeer fcmPeer = FcmPeer.start();
  final LocalWebhookServer hooks = LocalWebhookServer.start();
  final GreenMail smtp = startSmtp();
  final TwilioPeer twilioPeer = TwilioPeer.start();
  final DemoSms.Callbacks smsCallbacks = new DemoSms.Callbacks();
  final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  final InMemoryPreferenceStore preferences = new InMemoryPreferenceStore();
  final DemoReport report = new DemoReport(clock);
  final QuietHours danasQuietHours = quietHoursAroundNow(start, TOKYO);
  final NotificationClient client;

  DemoWorld() {
    Instant registered = start.minus(Duration.ofDays(30));
    users.put(UserProfile.builder("ada").apnsToken(Tokens.ADA_PHONE, registered)
            .apnsToken(Tokens.ADA_TABLET, registered)
            .locale(Locale.forLanguageTag("en-GB")).zone(ZoneId.of("Europe/London")).build())
        .put(UserProfile.builder("bruno").apnsToken(Tokens.BRUNO, registered)
            .locale(Locale.forLanguageTag("de-DE")).zone(ZoneId.of("Europe/Berlin")).build())
        .put(UserProfile.builder("chen").apnsToken(Tokens.CHEN, registered)
            .locale(Locale.ENGLISH).build())
        .put(UserProfile.builder("dana").apnsToken(Tokens.DANA, registered)
            .locale(Locale.ENGLISH).zone(TOKYO).build())
        .put(UserProfile.builder("eve").apnsToken(Tokens.EVE_STALE, registered).build())
        .put(UserProfile.builder("finn").apnsToken(Tokens.FINN, registered).build())
        .put(UserProfile.builder("gus").apnsToken(Tokens.GUS, registered).build())
        .put(UserProfile.builder("hana").phone(DemoSms.HANA, registered).build())
        .addToGroup("beta", "ada", "bruno", "chen", "dana", "finn");
    DemoPush.addUsers(users, registered);
    preferences.optOut("chen", OptOut.category("marketing"));
    preferences.quietHours("dana", danasQuietHours);

    ApnsPeerCredentials peer = apnsPeer.credentials();
    ApnsChannel apns = ApnsChannel.builder()
        .server(peer.host(), peer.port())              // production(): api.push.apple.com
        .trustedServerCertificates(peer.trustedCertificate())
        .tokenAuth(peer.signingKeyStream(), peer.teamId(), peer.keyId())
        .topic(peer.topic())
        .build();
    WebhookChannel chat = WebhookChannel.builder().name("chat").baseUri(hooks.baseUri()).build();
    EmailChannel email = EmailChannel.builder()
        .server("127.0.0.1", smtp.getSmtp().getPort())  // production: port 587, STARTTLS
        .security(SmtpSecurity.NONE)
        .from("shop@example.com", "Example Shop")
        .unsubscribeLinks(m -> "security".equals(m.category()) ? null
            : URI.create("https://shop.example.com/unsubscribe?c=" + m.category()))
        // Attachments by reference: the notification carries a key, not the file (object storage).
        .attachmentResolver(ref -> ref.startsWith("invoices/")
            ? Optional.of(("%PDF-1.4 " + ref).getBytes(StandardCharsets.US_ASCII))
            : Optional.empty())
        .build();

    // The second web-hook channel comes from properties through ServiceLoader
    // (META-INF/services/dev.notify.spi.ChannelProvider names WebhookChannelProvider).
    Properties properties = new Properties();
    properties.setProperty("notify.channel.ops.provider", "webhook");
    properties.setProperty("notify.channel.ops.baseUri", hooks.baseUri().toString());
    properties.setProperty("notify.channel.ops.requestTimeout", "PT5S");

    RetryPolicy quickRetries = RetryPolicy.builder()
        .maxAttempts(4).baseDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(1)).build();
    client = NotificationClient.builder()
        .channel(apns)
        .channel(chat)
        .channel(email)
        .channel(DemoSms.channel(twilioPeer, smsCallbacks))
        .channel(DemoPush.channel(fcmPeer))
        .discoverChannels(properties)
        .defaultChannel(WebhookChannel.TYPE, "chat")     // two channels share the webhook type
        .recipientDirectory(users)
        .preferences(preferences)
        .preferencePolicy(PreferencePolicy.builder().criticalCategories("security").build())
        .templates(InMemoryTemplateStore.fromClasspath("templates"))
        .rateLimits(RateLimits.builder()
            .limit(ChannelType.APNS, "social", RateLimit.perMinute(3), OverLimitAction.DROP)
            .build())
        .retryPolicy(quickRetries)
        .retryPolicy("ops", RetryPolicy.builder()
            .maxAttempts(3).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(400))
            .build())
        .clock(clock)
        .listener(report)
        .build();
  }

  /**
   * Quiet hours that hold right now in the user's zone, whatever the time of day: from an hour
   * ago to an hour from now, on whole minutes.
   */
  static QuietHours quietHoursAroundNow(Instant now, ZoneId zone) {
    LocalTime local = now.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
    return new QuietHours(local.minusHours(1), local.plusHours(1));
  }

  /** GreenMail on a free local port, plain SMTP: the demo's mail server. */
  private static GreenMail startSmtp() {
    GreenMail mail = new GreenMail(
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    return mail;
  }

  @Override
  public void close() {
    try {
      client.shutdown(Duration.ofSeconds(10));
    } finally {
      hooks.close();
      apnsPeer.close();
      fcmPeer.close();
      smtp.stop();
      smsCallbacks.close();
      twilioPeer.close();
    }
  }

  /** Device tokens: 64 hex digits, as APNs issues them. */
  static final class Tokens {
    static final String ADA_PHONE = token(0xADA1);
    static final String ADA_TABLET = token(0xADA2);
    static final String BRUNO = token(0xB0B0);
    static final String CHEN = token(0xC4E1);
    static final String DANA = token(0xDA7A);
    static final String EVE_STALE = token(0xE7E0);
    static final String FINN = token(0xF177);
    static final String GUS = token(0x6C5);

    private Tokens() {
    }

    static String token(long n) {
      return String.format(Locale.ROOT, "%016x", n).repeat(4);
    }
  }
}
