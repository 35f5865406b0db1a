package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.NotificationClientBuilder;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.OptOut;
import dev.notify.policy.OverLimitAction;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.QuietHours;
import dev.notify.policy.RateLimit;
import dev.notify.policy.RateLimits;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.DeliveryResult;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreferencesAndLimitsTest {
  /** 14:00 UTC: 23:00 in Seoul (quiet), 09:00 in New York (not). */
  private static final Instant AFTERNOON_UTC = Instant.parse("2026-01-15T14:00:00Z");

  private final ManualTime time = ManualTime.startingAt(AFTERNOON_UTC);
  private final RecordingListener events = new RecordingListener();
  private final RecordingChannel email = RecordingChannel.builder("email").type(ChannelType.EMAIL)
      .build();
  private final RecordingChannel sms = RecordingChannel.builder("sms").type(ChannelType.SMS).build();
  private final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
  private final InMemoryPreferenceStore prefs = new InMemoryPreferenceStore();
  private NotificationClient client;

  private NotificationClientBuilder builder() {
    return NotificationClient.builder().channel(email).channel(sms).clock(time.clock())
        .scheduler(time).listener(events).recipientDirectory(users).preferences(prefs)
        .preferencePolicy(PreferencePolicy.builder().criticalCategories("security").build());
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    time.close();
  }

  private static Notification to(String id, Recipient r, String category) {
    Notification.Builder b = Notification.builder().id(id).to(r).body("b").subject("s").text("t");
    return (category == null ? b : b.category(category)).build();
  }

  private DeliveryStatus on(SendReceipt r, String channel) {
    return finalStatus(r).deliveries().stream().filter(d -> d.channel().equals(channel))
        .findFirst().orElseThrow();
  }

  @Test
  void optOutsPerChannelCategoryAndBothAreSuppressedWithTheirReason() {
    users.put(UserProfile.builder("1").email("a@example.com").phone("+14155550101").build());
    prefs.optOut("1", OptOut.channel(ChannelType.SMS));
    prefs.optOut("1", OptOut.category("marketing"));
    prefs.optOut("1", OptOut.channelAndCategory(ChannelType.EMAIL, "digest"));
    client = builder().build();

    SendReceipt plain = client.send(to("p", Recipient.user("1"), null));
    assertThat(on(plain, "email").state()).isEqualTo(DeliveryState.SENT);
    assertThat(on(plain, "sms").state()).isEqualTo(DeliveryState.SUPPRESSED);
    assertThat(on(plain, "sms").reason()).isEqualTo("opted-out-channel (sms)");

    SendReceipt promo = client.send(to("m", Recipient.user("1"), "marketing"));
    assertThat(on(promo, "email").reason())
        .isEqualTo("opted-out-category (category 'marketing')");
    SendReceipt digest = client.send(to("d", Recipient.user("1"), "digest"));
    assertThat(on(digest, "email").reason())
        .isEqualTo("opted-out-channel-category (email, category 'digest')");
    assertThat(events.awaitDeliveries(EventType.SUPPRESSED, 5, WAIT)).hasSize(5);
  }

  @Test
  void criticalCategoriesBypassChannelOptOutsButNotAnOptOutOfEverything() {
    users.put(UserProfile.builder("2").phone("+14155550102").build());
    users.put(UserProfile.builder("3").phone("+14155550103").build());
    prefs.optOut("2", OptOut.channel(ChannelType.SMS));
    prefs.optOut("3", OptOut.all());
    client = builder().build();
    assertThat(on(client.send(to("c2", Recipient.user("2"), "security")), "sms").state())
        .isEqualTo(DeliveryState.SENT);
    DeliveryStatus everything = on(client.send(to("c3", Recipient.user("3"), "security")), "sms");
    assertThat(everything.state()).isEqualTo(DeliveryState.SUPPRESSED);
    assertThat(everything.reason()).isEqualTo("opted-out-all (everything)");
  }

  @Test
  void quietHoursDeferUntilTheWindowEndsInEachUsersZone() {
    users.put(UserProfile.builder("seoul").email("s@example.com").zone(ZoneId.of("Asia/Seoul"))
        .build());
    users.put(UserProfile.builder("ny").email("n@example.com")
        .zone(ZoneId.of("America/New_York")).build());
    prefs.quietHours("seoul", QuietHours.of("22:00", "08:00"));
    prefs.quietHours("ny", QuietHours.of("22:00", "08:00"));
    client = builder().build();

    SendReceipt ny = client.send(to("q-ny", Recipient.user("ny"), null));
    SendReceipt seoul = client.send(to("q-seoul", Recipient.user("seoul"), null));
    assertThat(finalStatus(ny).isSent()).isTrue();
    DeliveryEvent deferred = events.awaitDeliveries(EventType.SCHEDULED, 1, WAIT).get(0);
    Instant seoulMorning = Instant.parse("2026-01-15T23:00:00Z");
    assertThat(deferred.nextAttemptAt()).isEqualTo(seoulMorning);
    assertThat(deferred.reason()).isEqualTo("quiet hours (until " + seoulMorning + ")");
    assertThat(client.status("q-seoul").orElseThrow().deliveries().get(0).state())
        .isEqualTo(DeliveryState.SCHEDULED);

    time.advanceTo(seoulMorning);
    DeliveryStatus sent = finalStatus(seoul).deliveries().get(0);
    assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
    assertThat(sent.attempts().get(0).at()).isEqualTo(seoulMorning);
  }

  @Test
  void highPriorityAndCriticalMessagesSkipQuietHours() {
    users.put(UserProfile.builder("seoul").email("s@example.com").zone(ZoneId.of("Asia/Seoul"))
        .build());
    prefs.quietHours("seoul", QuietHours.of("22:00", "08:00"));
    client = builder().build();
    assertThat(finalStatus(client.send(to("h", Recipient.user("seoul"), null).toBuilder()
        .priority(Priority.HIGH).build())).isSent()).isTrue();
    assertThat(finalStatus(client.send(to("c", Recipient.user("seoul"), "security"))).isSent())
        .isTrue();
  }

  @Test
  void rateLimitsDropOrDeferOnTheClock() {
    client = builder().rateLimits(RateLimits.builder()
        .limit(ChannelType.SMS, RateLimit.of(2, Duration.ofHours(1)), OverLimitAction.DEFER)
        .limit(ChannelType.EMAIL, RateLimit.of(1, Duration.ofHours(1)), OverLimitAction.DROP)
        .build()).build();
    Recipient phone = Recipient.phone("+14155550104");
    SendReceipt s1 = client.send(to("s1", phone, null));
    SendReceipt s2 = client.send(to("s2", phone, null));
    finalStatus(s1);
    finalStatus(s2);
    SendReceipt s3 = client.send(to("s3", phone, null));
    DeliveryEvent deferred = events.awaitDeliveries(EventType.SCHEDULED, 1, WAIT).get(0);
    assertThat(deferred.reason()).isEqualTo("rate-limited (sms: 2 per PT1H, then DEFER)");
    assertThat(deferred.nextAttemptAt()).isAfter(time.now())
        .isBeforeOrEqualTo(time.now().plus(Duration.ofHours(1)));
    assertThat(sms.sendCount()).isEqualTo(2);
    time.advanceTo(deferred.nextAttemptAt());
    assertThat(finalStatus(s3).isSent()).isTrue();
    assertThat(sms.sendCount()).isEqualTo(3);

    Recipient mail = Recipient.email("limit@example.com");
    assertThat(finalStatus(client.send(to("e1", mail, null))).isSent()).isTrue();
    DeliveryStatus dropped = finalStatus(client.send(to("e2", mail, null))).deliveries().get(0);
    assertThat(dropped.state()).isEqualTo(DeliveryState.SUPPRESSED);
    assertThat(dropped.reason()).isEqualTo("rate-limited (email: 1 per PT1H, then DROP)");
    assertThat(finalStatus(client.send(to("e3", Recipient.email("other@example.com"), null)))
        .isSent()).isTrue();
  }

  @Test
  void aLanePacesItselfToTheProvidersThroughput() {
    client = builder().throughput("sms", RateLimit.perSecond(1)).build();
    java.util.List<SendReceipt> receipts = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      receipts.add(client.send(to("pace-" + i, Recipient.phone("+1415555020" + i), null)));
    }
    for (int n = 1; n <= 4; n++) {
      sms.awaitSends(n, WAIT);
      assertThat(sms.sendCount()).as("sent by %s", time.now()).isEqualTo(n);
      time.advance(Duration.ofSeconds(1));
    }
    // One send per tick of the clock, checked above; all of them end SENT.
    assertThat(receipts).allSatisfy(r -> assertThat(finalStatus(r).isSent()).isTrue());
  }

  @Test
  void aProviderOptOutIsRecordedAndHonouredNextTime() {
    users.put(UserProfile.builder("5").phone("+14155550105").build());
    sms.respondTo("+14155550105", DeliveryResult.recipientOptedOut("21610 STOP"));
    client = builder().build();
    assertThat(on(client.send(to("o1", Recipient.user("5"), null)), "sms").state())
        .isEqualTo(DeliveryState.FAILED);
    DeliveryStatus next = on(client.send(to("o2", Recipient.user("5"), null)), "sms");
    assertThat(next.state()).isEqualTo(DeliveryState.SUPPRESSED);
    assertThat(next.reason()).isEqualTo("opted-out-at-provider (sms, reported by the provider)");
    assertThat(sms.sends()).hasSize(1);
    assertThat(events.events(EventType.OPTED_OUT)).hasSize(1);
    assertThat(prefs.preferences("5").toString()).doesNotContain("+14155550105");
  }
}
