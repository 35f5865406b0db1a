package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.RateLimit;
import dev.notify.sms.SmsChannel;
import dev.notify.sms.SmsOptions;
import dev.notify.sms.TwilioStatusCallbacks;
import dev.notify.status.DeliveryStatus;
import dev.notify.testkit.twilio.TwilioAnswer;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SMS channel's side of {@link PersonalDataTest}: no toString(), refusal or failure reason
 * shows a full phone number or the auth token.
 */
class SmsPersonalDataTest {
  private static final String PHONE = "+14155550123";
  private static final String OTHER = "+14155550124";

  private static void assertClean(String token, Object... shown) {
    for (Object o : shown) {
      String text = o instanceof Throwable t ? t + " / " + t.getCause() : String.valueOf(o);
      assertThat(text).as("shown: %s", text).doesNotContain(PHONE, OTHER, "4155550123", token);
    }
  }

  @Test
  void theSmsChannelItsRefusalsAndTheTwilioPeerDoNotShowNumbersOrTokens() throws Exception {
    try (TwilioPeer peer = TwilioPeer.start()) {
      peer.respond(OTHER, TwilioAnswer.error(400, 21211, "The 'To' number " + OTHER
          + " is not a valid phone number."));
      SmsChannel sms = SmsChannel.builder().account(peer.accountSid(), peer.authToken())
          .from(PHONE).allowCountries("US").countryLimit("US", RateLimit.of(2, Duration.ofHours(1)))
          .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer))).build();
      try (NotificationClient client = NotificationClient.builder().channel(sms).build()) {
        Throwable badNumber = catchThrowable(() -> client.send(Notification.builder().id("n-0")
            .to(Recipient.phone("+1415555012")).body("b").build()));
        Throwable blocked = catchThrowable(() -> client.send(Notification.builder().id("n-1")
            .to(Recipient.phone("+2348031234567")).body("b").build()));
        assertThat(badNumber).isInstanceOf(InvalidNotificationException.class);
        assertThat(blocked).isInstanceOf(InvalidNotificationException.class);
        DeliveryStatus invalid = send(client, "n-2", OTHER);
        DeliveryStatus sent = send(client, "n-3", PHONE);
        DeliveryStatus pumped = send(client, "n-4", PHONE);
        assertThat(pumped.reason()).contains("pumping");
        assertClean(peer.authToken(), sms, badNumber, blocked, invalid, sent, pumped,
            invalid.attempts(), pumped.attempts(), peer, peer.received(),
            SmsOptions.builder().statusCallback("https://h.example.com/cb?to=" + PHONE).build(),
            TwilioStatusCallbacks.of(client, "sms", peer.authToken()));
      }
    }
  }

  private static DeliveryStatus send(NotificationClient client, String id, String to)
      throws Exception {
    return client.send(Notification.builder().id(id).to(Recipient.phone(to)).body("b").build())
        .completion().get(30, TimeUnit.SECONDS).deliveries().get(0);
  }
}
