package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.RateLimit;
import dev.notify.sms.SmsChannel;
import dev.notify.sms.SmsOptions;
import dev.notify.sms.TwilioStatusCallbacks;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * notify-sms's fields in the naughty-strings corpus (as {@link NaughtyStringsTest} does for the
 * others), through a real {@link SmsChannel} to a local {@link TwilioPeer}: the phone number, the
 * body and the status-callback option at {@code send} (accepted and received by the peer exactly
 * as sent — numbers as E.164 — or an {@link InvalidNotificationException} naming the field with
 * nothing stored and the id still free); every builder setting that takes a string (sender,
 * callback URL, region, prefix) refusing with an {@link IllegalArgumentException} or accepting; and a status callback
 * with naughty parameters or signature rejected, never thrown.
 */
class SmsNaughtyStringsTest {
  @RegisterExtension
  static final ProviderPeerExtension<TwilioPeer> TWILIO =
      ProviderPeerExtension.of(() -> TwilioPeer.start(8, true));

  private record Field(String name, String errorField, Function<String, Notification.Builder> put,
      Function<ReceivedSms, String> received) {
  }

  private record Expected(Field field, String value, String id) {
  }

  private static Notification.Builder sms() {
    return Notification.builder().to(Recipient.phone("+14155552671")).body("b");
  }

  private static List<Field> fields() {
    return List.of(
        new Field("sms phone number", "recipients[0]",
            s -> Notification.builder().to(Recipient.phone(s)).body("b"), null),
        new Field("sms body", "content.body", s -> sms().body(s), ReceivedSms::body),
        new Field("sms options.statusCallback", "options",
            s -> sms().options(SmsOptions.builder().statusCallback(s).build()),
            r -> r.form().get("StatusCallback")));
  }

  @Test
  void everyNaughtyStringInEverySmsFieldHasAnAllowedOutcome(TwilioPeer peer) throws Exception {
    List<String> corpus = NaughtyTally.corpus();
    NaughtyTally tally = new NaughtyTally();
    List<Expected> expected = new ArrayList<>();
    try (NotificationClient client = NotificationClient.builder()
        .channel(SmsChannel.builder().account(peer.accountSid(), peer.authToken())
            .from("+14155550100").throughput(RateLimit.perSecond(1_000_000))
            .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer))).build())
        .capacity(100_000).build()) {
      int[] probes = {0};
      Predicate<String> idIsFree = id -> { // a refused id can still be sent
        probes[0]++;
        client.send(sms().id(id).build());
        return client.status(id).isPresent();
      };
      int n = 0;
      for (Field field : fields()) {
        for (int i = 0; i < corpus.size(); i++) {
          String s = corpus.get(i);
          String id = "sms-blns-" + n++;
          tally.send(client, field.name(), field.errorField(), i,
              () -> field.put().apply(s).id(id).build(), idIsFree).ifPresent(note -> {
                if (field.received() != null) {
                  expected.add(new Expected(field, s, id));
                }
              });
        }
      }
      // Every accepted message reaches Twilio with the value exactly as sent.
      List<ReceivedSms> received = peer.awaitReceived(tally.accepted() + probes[0],
          Duration.ofSeconds(120));
      Set<String> values = expected.stream().map(Expected::value).collect(Collectors.toSet());
      long bodies = received.stream().filter(r -> values.contains(r.body())).count();
      for (Expected e : expected) {
        if (received.stream().noneMatch(r -> e.value().equals(e.field().received().apply(r)))) {
          tally.mismatch(e.field().name() + ": no request carried the value as sent (" + e.id()
              + ")");
        }
      }
      assertThat(bodies).isPositive();
    }
    builderSettings(corpus, tally);
    callbacks(corpus, peer, tally);
    tally.assertOnlyAllowedOutcomes("BLNS for SMS (" + corpus.size() + " strings)");
  }

  private static void builderSettings(List<String> corpus, NaughtyTally tally) {
    Map<String, Consumer<String>> settings = new LinkedHashMap<>();
    settings.put("sms from", s -> SmsChannel.builder().from(s));
    settings.put("sms alphanumericSender", s -> SmsChannel.builder().alphanumericSender(s));
    settings.put("sms messagingService", s -> SmsChannel.builder().messagingService(s));
    settings.put("sms statusCallback", s -> SmsChannel.builder().statusCallback(s));
    settings.put("sms defaultRegion", s -> SmsChannel.builder().defaultRegion(s));
    settings.put("sms allowCountries", s -> SmsChannel.builder().allowCountries(s));
    settings.put("sms prefixLimit", s -> SmsChannel.builder().prefixLimit(s,
        RateLimit.perSecond(1)));
    settings.put("sms account", s -> SmsChannel.builder().account(s, "token"));
    settings.put("sms authToken", s -> SmsChannel.builder()
        .account("AC" + "0".repeat(32), s));
    settings.forEach((name, set) -> {
      for (int i = 0; i < corpus.size(); i++) {
        String s = corpus.get(i);
        tally.setting(name, i, () -> set.accept(s));
      }
    });
  }

  private static void callbacks(List<String> corpus, TwilioPeer peer, NaughtyTally tally) {
    try (NotificationClient client = NotificationClient.builder()
        .channel(SmsChannel.builder().account(peer.accountSid(), peer.authToken())
            .from("+14155550100").httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))
            .build()).build()) {
      TwilioStatusCallbacks callbacks = TwilioStatusCallbacks.of(client, "sms",
          peer.authToken());
      String field = "sms status callback";
      for (int i = 0; i < corpus.size(); i++) {
        String s = corpus.get(i);
        try {
          TwilioStatusCallbacks.Result r = callbacks.handle("https://h.example.com/cb?x=" + i,
              Map.of("MessageSid", s, "MessageStatus", s, "ErrorCode", s), s);
          if (r == TwilioStatusCallbacks.Result.REJECTED) {
            tally.refusedAtSend(field);
          } else {
            tally.other(field, i, r + " without a valid signature");
          }
        } catch (RuntimeException e) {
          tally.other(field, i, e.toString());
        }
      }
    }
  }
}
