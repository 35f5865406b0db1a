package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.policy.OptOut;
import dev.notify.policy.Preferences;
import dev.notify.policy.QuietHours;
import org.junit.jupiter.api.Test;

class InMemoryPreferenceStoreTest {
  private final InMemoryPreferenceStore store = new InMemoryPreferenceStore();

  @Test
  void anUnknownUserHasNoPreferences() {
    assertThat(store.preferences("u1")).isEqualTo(Preferences.none());
    assertThat(store.preferences("u1").quietHours()).isEmpty();
  }

  @Test
  void optOutsAccumulateAndOptingInRemovesExactlyOne() {
    store.optOut("u1", OptOut.channel(ChannelType.SMS));
    store.optOut("u1", OptOut.category("marketing"));
    store.optOut("u1", OptOut.category("marketing"));
    assertThat(store.preferences("u1").optOuts())
        .containsExactly(OptOut.channel(ChannelType.SMS), OptOut.category("marketing"));

    store.optIn("u1", OptOut.channel(ChannelType.EMAIL)); // was never out: no change
    store.optIn("u1", OptOut.channel(ChannelType.SMS));
    assertThat(store.preferences("u1").optOuts()).containsExactly(OptOut.category("marketing"));

    store.optIn("u1", OptOut.category("marketing"));
    assertThat(store.preferences("u1")).isEqualTo(Preferences.none());
  }

  @Test
  void optingInToAChannelDoesNotLiftAnOptOutOfEverything() {
    store.optOut("u1", OptOut.all());
    store.optIn("u1", OptOut.channel(ChannelType.EMAIL));
    assertThat(store.preferences("u1").optOuts()).containsExactly(OptOut.all());
  }

  @Test
  void aProviderOptOutIsKeptApartAndClearedByOptingInToTheChannel() {
    store.recordProviderOptOut("u1", ChannelType.SMS);
    assertThat(store.preferences("u1").providerOptOuts()).containsExactly(ChannelType.SMS);
    assertThat(store.preferences("u1").optOuts()).isEmpty();

    store.optIn("u1", OptOut.channelAndCategory(ChannelType.SMS, "news")); // not the channel
    assertThat(store.preferences("u1").providerOptOuts()).containsExactly(ChannelType.SMS);
    store.optIn("u1", OptOut.channel(ChannelType.SMS));
    assertThat(store.preferences("u1").providerOptOuts()).isEmpty();
  }

  @Test
  void quietHoursAreSetReplacedAndCleared() {
    store.quietHours("u1", QuietHours.of("22:00", "08:00"));
    store.quietHours("u1", QuietHours.of("23:00", "07:00"));
    assertThat(store.preferences("u1").quietHours()).contains(QuietHours.of("23:00", "07:00"));
    store.clearQuietHours("u1");
    assertThat(store.preferences("u1").quietHours()).isEmpty();
  }

  @Test
  void optOutsCoverTheirScope() {
    assertThat(OptOut.all().covers(ChannelType.SMS, null)).isTrue();
    assertThat(OptOut.channel(ChannelType.SMS).covers(ChannelType.SMS, "news")).isTrue();
    assertThat(OptOut.channel(ChannelType.SMS).covers(ChannelType.EMAIL, "news")).isFalse();
    assertThat(OptOut.category("news").covers(ChannelType.EMAIL, "news")).isTrue();
    assertThat(OptOut.category("news").covers(ChannelType.EMAIL, null)).isFalse();
    assertThat(OptOut.channelAndCategory(ChannelType.SMS, "news").covers(ChannelType.SMS, "news"))
        .isTrue();
    assertThat(OptOut.channelAndCategory(ChannelType.SMS, "news").covers(ChannelType.APNS, "news"))
        .isFalse();
  }
}
