package dev.notify.examples;

import com.sun.net.httpserver.HttpServer;
import dev.notify.ChannelType;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.sms.SmsChannel;
import dev.notify.sms.SmsSegments;
import dev.notify.sms.TwilioStatusCallbacks;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Receipt;
import dev.notify.testkit.twilio.ReceivedSms;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo's SMS step, on the testkit's local Twilio endpoint: a Korean (UCS-2) message with its
 * segment count, delivered and confirmed by a signed status callback to the host's endpoint; a
 * STOP reply that Twilio answers with 21610, which becomes an opt-out in the preference store;
 * and a message to a country outside the allow-list (SMS pumping) refused at send.
 */
final class DemoSms {
  /** Hana's phone, in Seoul. */
  static final String HANA = "+821012345678";
  /** A premium-rate style destination in a country the shop never sends to. */
  static final String PUMPED = "+2348031234567";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private DemoSms() {
  }

  /** {@return the shop's SMS channel: its own Twilio account, routed to the local peer} */
  static SmsChannel channel(TwilioPeer peer, Callbacks callbacks) {
    return SmsChannel.builder()
        .account(peer.accountSid(), peer.authToken())   // the channel's own TwilioRestClient
        .from("+14155550100")                           // a long code: the lane goes 1/s
        .statusCallback(callbacks.url())
        .defaultRegion("KR")
        .allowCountries("KR", "US", "GB")               // SMS pumping: nowhere else
        .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))  // production: no hook
        .build();
  }

  /** Runs the step. */
  static void run(NotificationClient client, DemoWorld world, Checks checks, PrintStream out) {
    TwilioPeer peer = world.twilioPeer;
    world.smsCallbacks.use(TwilioStatusCallbacks.of(client, "sms", peer.authToken()));
    String korean = "[예시샵] 주문하신 상품이 발송되었습니다. 감사합니다!";
    SmsSegments segments = SmsSegments.of(korean);
    NotificationStatus shipped = complete(checks, client.send(Notification.builder()
        .id("sms-shipped").to(Recipient.phone("010-1234-5678")).body(korean).build()));
    DeliveryStatus d = shipped.deliveries().get(0);
    checks.expect("Korean SMS sent", DeliveryState.SENT, d.state());
    ReceivedSms sms = peer.received().get(0);
    checks.expect("... as E.164 with its text intact (" + segments.encoding() + ", "
        + segments.segments() + " segment)", HANA + " " + korean, sms.address() + " "
        + sms.body());
    checks.expect("... UCS-2, one segment", "UCS_2/1", segments.encoding() + "/"
        + segments.segments());
    synchronized (out) {
      out.println("  SMS to Hana: " + segments.encoding() + ", " + segments.units()
          + " units, " + segments.segments() + " segment; Twilio " + d.providerMessageId());
    }
    checks.expect("a signed 'delivered' status callback is accepted", 204,
        peer.statusCallback(sms, "delivered", null));
    checks.expect("... and recorded on the delivery",
        java.util.List.of(Receipt.Kind.DELIVERED), client.status("sms-shipped").orElseThrow()
            .deliveries().get(0).receipts().stream().map(Receipt::kind).toList());

    peer.reply(HANA, "STOP");                            // Hana replies STOP to the shop
    DeliveryStatus stopped = complete(checks, client.send(Notification.builder()
        .id("sms-sale").to(Recipient.user("hana")).body("Sale! 50% off").build()))
        .deliveries().get(0);
    checks.expectTrue("after STOP, Twilio's 21610 fails the message as opted out",
        stopped.state() == DeliveryState.FAILED && String.valueOf(stopped.reason())
            .contains("21610"), stopped);
    checks.expect("... and the preference store records the opt-out",
        java.util.Set.of(ChannelType.SMS), world.preferences.preferences("hana")
            .providerOptOuts());
    DeliveryStatus next = complete(checks, client.send(Notification.builder()
        .id("sms-sale-2").to(Recipient.user("hana")).body("Last chance").build()))
        .deliveries().get(0);
    checks.expect("... so the next one is suppressed without a request", DeliveryState.SUPPRESSED,
        next.state());

    try {
      client.send(Notification.builder().id("sms-pumped").to(Recipient.phone(PUMPED))
          .body("Your code is 123456").build());
      checks.expectTrue("a code to a country outside the allow-list is refused", false,
          "accepted");
    } catch (InvalidNotificationException e) {
      checks.expectTrue("a code to a country outside the allow-list is refused at send,"
          + " nothing stored", e.rule().contains("allow-list")
          && client.status("sms-pumped").isEmpty(), e.getMessage());
    }
    checks.expect("Twilio got 2 requests (the suppressed and refused ones never left)", 2L,
        peer.receivedCount());
  }

  private static NotificationStatus complete(Checks checks, dev.notify.SendReceipt receipt) {
    try {
      return receipt.completion().toCompletableFuture().get(WAIT.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      checks.expectTrue(receipt.id() + " finishes within " + WAIT, false, e);
      throw new IllegalStateException(receipt.id() + " did not finish", e);
    }
  }

  /** The host's web endpoint for Twilio's status callbacks, on a free local port. */
  static final class Callbacks implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "demo-sms-callbacks");
      t.setDaemon(true);
      return t;
    });
    private volatile TwilioStatusCallbacks handler;

    Callbacks() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.setExecutor(executor);
      server.createContext("/twilio/status", exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          Map<String, String> form = new LinkedHashMap<>();
          for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
          }
          // The URL Twilio signed: the configured one (behind a proxy, the public URL).
          TwilioStatusCallbacks.Result r = handler.handle(url(), form,
              exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
          exchange.sendResponseHeaders(r.httpStatus(), -1);
        }
      });
      server.start();
    }

    void use(TwilioStatusCallbacks callbacks) {
      this.handler = callbacks;
    }

    String url() {
      return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
          + server.getAddress().getPort() + "/twilio/status";
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
