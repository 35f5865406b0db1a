package dev.notify.internal.preference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Priority;
import dev.notify.inmemory.InMemoryPreferenceStore;
import dev.notify.policy.OptOut;
import dev.notify.policy.PreferencePolicy;
import dev.notify.policy.QuietHours;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant NOON_UTC = Instant.parse("2026-06-01T12:00:00Z");

  private final InMemoryPreferenceStore store = new InMemoryPreferenceStore();
  private final PolicyEvaluator evaluator = new PolicyEvaluator(store,
      PreferencePolicy.builder().criticalCategories("security", "otp").build());

  private PolicyDecision decide(ChannelType type, String category) {
    return evaluator.evaluate("u1", type, category, Priority.NORMAL, SEOUL, NOON_UTC);
  }

  private static PolicyDecision suppressed(SuppressReason reason) {
    return new PolicyDecision.Suppress(reason);
  }

  @Test
  void withNoPreferencesEverythingIsAllowed() {
    assertThat(decide(ChannelType.SMS, "marketing")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(decide(ChannelType.APNS, null)).isEqualTo(PolicyDecision.ALLOW);
  }

  @Test
  void anOptOutOfAChannelTypeSuppressesOnlyThatType() {
    store.optOut("u1", OptOut.channel(ChannelType.SMS));
    assertThat(decide(ChannelType.SMS, null))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CHANNEL));
    assertThat(decide(ChannelType.SMS, "marketing"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CHANNEL));
    assertThat(decide(ChannelType.EMAIL, "marketing")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(SuppressReason.OPTED_OUT_CHANNEL.code()).isEqualTo("opted-out-channel");
  }

  @Test
  void anOptOutOfACategorySuppressesItOnEveryChannelType() {
    store.optOut("u1", OptOut.category("marketing"));
    assertThat(decide(ChannelType.SMS, "marketing"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CATEGORY));
    assertThat(decide(ChannelType.FCM, "marketing"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CATEGORY));
    assertThat(decide(ChannelType.FCM, "orders")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(decide(ChannelType.FCM, null)).isEqualTo(PolicyDecision.ALLOW);
  }

  @Test
  void anOptOutOfACategoryOnAChannelTypeSuppressesOnlyThatPair() {
    store.optOut("u1", OptOut.channelAndCategory(ChannelType.SMS, "marketing"));
    assertThat(decide(ChannelType.SMS, "marketing"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CHANNEL_CATEGORY));
    assertThat(decide(ChannelType.EMAIL, "marketing")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(decide(ChannelType.SMS, "orders")).isEqualTo(PolicyDecision.ALLOW);
  }

  @Test
  void anOptOutOfEverythingSuppressesEvenACriticalCategory() {
    store.optOut("u1", OptOut.all());
    assertThat(decide(ChannelType.EMAIL, "orders"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_ALL));
    assertThat(decide(ChannelType.SMS, "security"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_ALL));
    assertThat(evaluator.evaluate("u1", ChannelType.SMS, "otp", Priority.HIGH, SEOUL, NOON_UTC))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_ALL));
  }

  @Test
  void aCriticalCategoryBypassesNarrowerOptOutsAndQuietHours() {
    store.optOut("u1", OptOut.channel(ChannelType.SMS));
    store.optOut("u1", OptOut.category("security"));
    store.optOut("u1", OptOut.channelAndCategory(ChannelType.EMAIL, "security"));
    store.quietHours("u1", QuietHours.of("20:00", "23:00")); // 12:00 UTC is 21:00 in Seoul

    assertThat(decide(ChannelType.SMS, "security")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(decide(ChannelType.EMAIL, "security")).isEqualTo(PolicyDecision.ALLOW);
    assertThat(decide(ChannelType.APNS, "security")).isEqualTo(PolicyDecision.ALLOW);
    // not critical: held back
    assertThat(decide(ChannelType.SMS, "orders"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_CHANNEL));
    assertThat(decide(ChannelType.APNS, "orders")).isInstanceOf(PolicyDecision.Defer.class);
  }

  @Test
  void aProviderOptOutSuppressesEvenACriticalCategoryUntilTheUserOptsBackIn() {
    store.recordProviderOptOut("u1", ChannelType.SMS);
    assertThat(decide(ChannelType.SMS, "otp"))
        .isEqualTo(suppressed(SuppressReason.OPTED_OUT_AT_PROVIDER));
    assertThat(decide(ChannelType.EMAIL, "otp")).isEqualTo(PolicyDecision.ALLOW);

    store.optIn("u1", OptOut.channel(ChannelType.SMS));
    assertThat(decide(ChannelType.SMS, "otp")).isEqualTo(PolicyDecision.ALLOW);
  }

  @Test
  void optingBackInAllowsAgain() {
    store.optOut("u1", OptOut.category("marketing"));
    store.optIn("u1", OptOut.category("marketing"));
    assertThat(decide(ChannelType.SMS, "marketing")).isEqualTo(PolicyDecision.ALLOW);
  }

  @Test
  void quietHoursDeferToTheWindowEndInEachUsersZone() {
    store.quietHours("seoul-user", QuietHours.of("22:00", "08:00"));
    store.quietHours("ny-user", QuietHours.of("22:00", "08:00"));
    Instant t = Instant.parse("2026-06-01T13:00:00Z"); // 22:00 in Seoul, 09:00 in New York

    assertThat(evaluator.evaluate("seoul-user", ChannelType.APNS, null, Priority.NORMAL, SEOUL, t))
        .isEqualTo(new PolicyDecision.Defer(Instant.parse("2026-06-01T23:00:00Z")));
    assertThat(evaluator.evaluate("ny-user", ChannelType.APNS, null, Priority.NORMAL, NEW_YORK, t))
        .isEqualTo(PolicyDecision.ALLOW);

    Instant u = Instant.parse("2026-06-02T03:30:00Z"); // 12:30 in Seoul, 23:30 in New York
    assertThat(evaluator.evaluate("seoul-user", ChannelType.APNS, null, Priority.NORMAL, SEOUL, u))
        .isEqualTo(PolicyDecision.ALLOW);
    assertThat(evaluator.evaluate("ny-user", ChannelType.APNS, null, Priority.NORMAL, NEW_YORK, u))
        .isEqualTo(new PolicyDecision.Defer(Instant.parse("2026-06-02T12:00:00Z")));
  }

  @Test
  void quietHoursDeferAcrossADaylightSavingChange() {
    store.quietHours("u1", QuietHours.of("22:00", "08:00"));
    Instant elevenPmEst = Instant.parse("2026-03-08T04:00:00Z");
    assertThat(evaluator.evaluate("u1", ChannelType.SMS, null, Priority.LOW, NEW_YORK,
        elevenPmEst)).isEqualTo(new PolicyDecision.Defer(Instant.parse("2026-03-08T12:00:00Z")));
  }

  @Test
  void highPriorityBypassesQuietHoursOnlyWhenConfigured() {
    store.quietHours("u1", QuietHours.of("20:00", "23:00")); // 12:00 UTC is 21:00 in Seoul
    assertThat(evaluator.evaluate("u1", ChannelType.SMS, null, Priority.HIGH, SEOUL, NOON_UTC))
        .isEqualTo(PolicyDecision.ALLOW);

    PolicyEvaluator strict = new PolicyEvaluator(store,
        PreferencePolicy.builder().highPriorityBypassesQuietHours(false).build());
    assertThat(strict.evaluate("u1", ChannelType.SMS, null, Priority.HIGH, SEOUL, NOON_UTC))
        .isEqualTo(new PolicyDecision.Defer(Instant.parse("2026-06-01T14:00:00Z")));
  }

  @Test
  void aUserWithoutAZoneGetsThePolicysDefaultZone() {
    store.quietHours("u1", QuietHours.of("20:00", "23:00"));
    PolicyEvaluator utc = new PolicyEvaluator(store, PreferencePolicy.ofDefaults());
    assertThat(utc.evaluate("u1", ChannelType.SMS, null, Priority.NORMAL, null, NOON_UTC))
        .isEqualTo(PolicyDecision.ALLOW);
    PolicyEvaluator seoul = new PolicyEvaluator(store,
        PreferencePolicy.builder().defaultZone(SEOUL).build());
    assertThat(seoul.evaluate("u1", ChannelType.SMS, null, Priority.NORMAL, null, NOON_UTC))
        .isEqualTo(new PolicyDecision.Defer(Instant.parse("2026-06-01T14:00:00Z")));
  }
}
