package dev.notify.coretests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.policy.RateLimit;
import dev.notify.sms.SmsChannel;
import dev.notify.sms.SmsChannelBuilder;
import dev.notify.sms.SmsOptions;
import dev.notify.sms.TwilioStatusCallbacks;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * notify-sms's fields in the naughty-strings corpus (as {@link NaughtyStringsTest} does for the
 * others), through a real {@link SmsChannel} to a local {@link TwilioPeer}: the phone number, the
 * body and the status-callback option at {@code send} (accepted and received by the peer exactly
 * as sent — numbers as E.164 — or an {@link InvalidNotificationException} naming the field with
 * nothing stored); every builder setting that takes a string (sender, callback URL, region,
 * prefix) refusing with an {@link IllegalArgumentException} or accepting; and a status callback
 * with naughty parameters or signature rejected, never thrown.
 */
class SmsNaughtyStringsTest {
  @RegisterExtension
  static final ProviderPeerExtension<TwilioPeer> TWILIO =
      ProviderPeerExtension.of(() -> TwilioPeer.start(8, true));

  private record Field(String name, String errorField, Function<String, Notification.Builder> put,
      Function<ReceivedSms, String> received) {
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
    List<String> corpus;
    try (InputStream in = getClass().getResourceAsStream("/blns/blns.json")) {
      corpus = new ObjectMapper().readValue(in, new TypeReference<List<String>>() { });
    }
    Map<String, int[]> counts = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, Field> expectedField = new LinkedHashMap<>();
    try (NotificationClient client = NotificationClient.builder()
        .channel(SmsChannel.builder().account(peer.accountSid(), peer.authToken())
            .from("+14155550100").throughput(RateLimit.perSecond(1_000_000))
            .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer))).build())
        .capacity(100_000).build()) {
      int n = 0;
      for (Field field : fields()) {
        int[] count = counts.computeIfAbsent(field.name(), k -> new int[4]);
        for (int i = 0; i < corpus.size(); i++) {
          String s = corpus.get(i);
          String id = "sms-blns-" + n++;
          Notification note;
          try {
            note = field.put().apply(s).id(id).build();
          } catch (IllegalArgumentException e) {
            count[2]++;
            continue;
          }
          try {
            client.send(note);
            if (client.status(id).isPresent()) {
              count[0]++;
              if (field.received() != null) {
                expected.put(id, s);
                expectedField.put(id, field);
              }
            } else {
              count[3]++;
              others.add(field.name() + " #" + i + ": accepted but not stored");
            }
          } catch (InvalidNotificationException e) {
            if (e.field().startsWith(field.errorField()) && client.status(id).isEmpty()) {
              count[1]++;
            } else {
              count[3]++;
              others.add(field.name() + " #" + i + ": " + e.getMessage());
            }
          } catch (RuntimeException e) {
            count[3]++;
            others.add(field.name() + " #" + i + ": " + e);
          }
        }
      }
      // Every accepted message reaches Twilio with the value exactly as sent.
      Map<String, String> byBody = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : expected.entrySet()) {
        byBody.put(e.getKey(), e.getValue());
      }
      int accepted = counts.values().stream().mapToInt(c -> c[0]).sum();
      List<ReceivedSms> received = peer.awaitReceived(accepted, Duration.ofSeconds(120));
      long bodies = received.stream().filter(r -> byBody.containsValue(r.body())).count();
      for (Map.Entry<String, String> e : expected.entrySet()) {
        Field f = expectedField.get(e.getKey());
        boolean found = received.stream().anyMatch(r -> e.getValue().equals(f.received().apply(r)));
        if (!found) {
          others.add(f.name() + ": no request carried the value as sent (" + e.getKey() + ")");
        }
      }
      assertThat(bodies).isPositive();
    }
    builderSettings(corpus, counts, others);
    callbacks(corpus, peer, counts, others);
    StringBuilder report = new StringBuilder("BLNS for SMS (" + corpus.size() + " strings):"
        + " field | accepted | InvalidNotificationException at send | refused by a builder |"
        + " other\n");
    counts.forEach((f, k) -> report.append(f).append(" | ").append(k[0]).append(" | ")
        .append(k[1]).append(" | ").append(k[2]).append(" | ").append(k[3]).append('\n'));
    System.out.println(report);
    assertThat(others).as(report.toString()).isEmpty();
  }

  private static void builderSettings(List<String> corpus, Map<String, int[]> counts,
      List<String> others) {
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
      int[] count = counts.computeIfAbsent(name, k -> new int[4]);
      for (int i = 0; i < corpus.size(); i++) {
        try {
          set.accept(corpus.get(i));
          count[0]++;
        } catch (IllegalArgumentException e) {
          count[2]++;
        } catch (RuntimeException e) {
          count[3]++;
          others.add(name + " #" + i + ": " + e);
        }
      }
    });
    SmsChannelBuilder unused = SmsChannel.builder();
    assertThat(unused).isNotNull();
  }

  private static void callbacks(List<String> corpus, TwilioPeer peer, Map<String, int[]> counts,
      List<String> others) {
    try (NotificationClient client = NotificationClient.builder()
        .channel(SmsChannel.builder().account(peer.accountSid(), peer.authToken())
            .from("+14155550100").httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))
            .build()).build()) {
      TwilioStatusCallbacks callbacks = TwilioStatusCallbacks.of(client, "sms",
          peer.authToken());
      int[] count = counts.computeIfAbsent("sms status callback", k -> new int[4]);
      for (int i = 0; i < corpus.size(); i++) {
        String s = corpus.get(i);
        try {
          TwilioStatusCallbacks.Result r = callbacks.handle("https://h.example.com/cb?x=" + i,
              Map.of("MessageSid", s, "MessageStatus", s, "ErrorCode", s), s);
          if (r == TwilioStatusCallbacks.Result.REJECTED) {
            count[1]++;
          } else {
            count[3]++;
            others.add("sms status callback #" + i + ": " + r + " without a valid signature");
          }
        } catch (RuntimeException e) {
          count[3]++;
          others.add("sms status callback #" + i + ": " + e);
        }
      }
    }
  }
}
