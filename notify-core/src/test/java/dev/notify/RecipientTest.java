package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientTest {

  @Test
  void addressesAreMaskedInToString() {
    assertThat(Recipient.email("ada.lovelace@example.com").toString())
        .isEqualTo("email:a…@example.com").doesNotContain("lovelace");
    assertThat(Recipient.phone("+14155550123").toString()).isEqualTo("sms:+1…23(12)");
    String token = "a1".repeat(32);
    assertThat(Recipient.apnsToken(token).toString()).doesNotContain(token).endsWith("(64)");
    assertThat(Notification.builder().to(Recipient.phone("+14155550123")).body("secret code 1234")
        .build().toString()).doesNotContain("4155550123").doesNotContain("1234");
  }

  @Test
  void keysIdentifyTheRecipientForHistory() {
    assertThat(Recipient.email("a@example.com").key()).isEqualTo("email:a@example.com");
    assertThat(Recipient.user("42").key()).isEqualTo("user:42");
    assertThat(Recipient.group("beta").key()).isEqualTo("group:beta");
  }

  @Test
  void customChannelTypesShareNoFamilyWithPush() {
    assertThat(ChannelType.of("apns")).isSameAs(ChannelType.APNS);
    assertThat(ChannelType.APNS.family()).isEqualTo(ChannelType.FCM.family()).isEqualTo("push");
    assertThat(ChannelType.of("slack").family()).isEqualTo("slack");
  }
}
