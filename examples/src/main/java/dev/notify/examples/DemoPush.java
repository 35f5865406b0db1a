package dev.notify.examples;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.fcm.FcmChannel;
import dev.notify.fcm.FcmOptions;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import dev.notify.testkit.fcm.FcmAnswer;
import dev.notify.testkit.fcm.FcmPeer;
import dev.notify.testkit.fcm.ReceivedFcmRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo's FCM step: Android users and a web-push user, through the real firebase-admin client
 * to the testkit's local FCM v1 endpoint, and a token FCM reports UNREGISTERED, which the
 * directory forgets.
 */
final class DemoPush {
  /** How many ADDRESS_INVALID events this step adds (Ivan's old phone). */
  static final long ADDRESS_INVALID = 1;
  static final String PROJECT = "example-shop";
  static final String KAI = FcmPeer.token(0x4A4A);
  static final String IVAN_NEW = FcmPeer.token(0x1FA1);
  static final String IVAN_OLD = FcmPeer.token(0x1FA0);
  static final String JUNO_BROWSER = FcmPeer.token(0x7B0);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private DemoPush() {
  }

  /** {@return the FCM channel on the local peer; production: {@code credentials(path)} only} */
  static FcmChannel channel(FcmPeer peer) {
    return FcmPeerConnection.channel(peer.baseUri(), PROJECT).build();
  }

  /** Android users Kai and Ivan (a new phone, and an old one FCM no longer knows), web user Juno. */
  static void addUsers(InMemoryRecipientDirectory users, Instant registered) {
    users.put(UserProfile.builder("kai").fcmToken(KAI, registered).build())
        .put(UserProfile.builder("ivan").fcmToken(IVAN_NEW, registered)
            .fcmToken(IVAN_OLD, registered.minus(Duration.ofDays(400))).build())
        .put(UserProfile.builder("juno").fcmToken(JUNO_BROWSER, registered).build());
  }

  static void run(DemoWorld world, Checks checks) {
    NotificationClient client = world.client;
    FcmPeer peer = world.fcmPeer;
    peer.respond(IVAN_OLD, FcmAnswer.error("UNREGISTERED"));

    NotificationStatus kai = complete(checks, client.send(Notification.builder()
        .id("fcm-order-2001").to(Recipient.user("kai")).via(ChannelType.FCM)
        .priority(Priority.HIGH).title("Order 2001 shipped").body("Arrives tomorrow")
        .data("orderId", "2001")
        .options(FcmOptions.builder().androidChannelId("orders").collapseKey("order-2001")
            .build())
        .build()));
    checks.expectTrue("Kai's Android push is sent", kai.isSent(), kai);
    ReceivedFcmRequest toKai = receivedBy(checks, peer, KAI);
    checks.expect("... as FCM v1 JSON with high Android priority", "high",
        toKai == null ? null : toKai.at("android.priority"));
    checks.expect("... on the app's notification channel", "orders",
        toKai == null ? null : toKai.at("android.notification.channel_id"));
    checks.expect("... its data", Map.of("orderId", "2001"),
        toKai == null ? null : toKai.at("data"));

    NotificationStatus juno = complete(checks, client.send(Notification.builder()
        .id("fcm-web-2002").to(Recipient.user("juno")).via(ChannelType.FCM)
        .title("Your basket misses you").body("3 items are waiting")
        .options(FcmOptions.builder().webLink("https://shop.example.com/basket")
            .webIcon("https://shop.example.com/icon-192.png").webHeader("Urgency", "normal")
            .build())
        .build()));
    checks.expectTrue("Juno's web push is sent", juno.isSent(), juno);
    ReceivedFcmRequest toJuno = receivedBy(checks, peer, JUNO_BROWSER);
    checks.expect("... with the link a click opens", "https://shop.example.com/basket",
        toJuno == null ? null : toJuno.at("webpush.fcm_options.link"));

    NotificationStatus ivan = complete(checks, client.send(Notification.builder()
        .id("fcm-ivan-2003").to(Recipient.user("ivan")).via(ChannelType.FCM)
        .title("Order 2003 shipped").body("Arrives Friday").build()));
    List<DeliveryStatus> deliveries = ivan.deliveries();
    checks.expect("Ivan's push goes to both his registered tokens", 2, deliveries.size());
    checks.expect("... the new phone's is sent, the old one's fails UNREGISTERED",
        List.of(DeliveryState.SENT, DeliveryState.FAILED),
        List.of(to(deliveries, IVAN_NEW).map(DeliveryStatus::state).orElse(null),
            to(deliveries, IVAN_OLD).map(DeliveryStatus::state).orElse(null)));
    checks.expect("... classified", Outcome.ADDRESS_INVALID, to(deliveries, IVAN_OLD)
        .map(d -> d.attempts().get(0).outcome()).orElse(null));
    checks.expect("... and the old token is cleaned from the directory",
        List.of(Recipient.fcmToken(IVAN_NEW)), world.users.findUser("ivan").orElseThrow()
            .addresses(ChannelType.FCM));
  }

  /** The fcm lane's totals, for the demo's final checks. */
  static void checkTotals(DemoWorld world, Checks checks) {
    var fcm = world.client.stats().lanes().get("fcm");
    checks.expect("fcm SENT", 3L, DemoReport.finished(fcm, DeliveryState.SENT));
    checks.expect("fcm FAILED", 1L, DemoReport.finished(fcm, DeliveryState.FAILED));
  }

  private static Optional<DeliveryStatus> to(List<DeliveryStatus> deliveries, String token) {
    return deliveries.stream()
        .filter(d -> d.address().equals(Recipient.fcmToken(token))).findFirst();
  }

  private static ReceivedFcmRequest receivedBy(Checks checks, FcmPeer peer, String token) {
    ReceivedFcmRequest r = peer.received().stream().filter(m -> m.address().equals(token))
        .filter(ReceivedFcmRequest::accepted).findFirst().orElse(null);
    checks.expectTrue("the FCM peer received it", r != null, peer.received());
    return r;
  }

  private static NotificationStatus complete(Checks checks, SendReceipt receipt) {
    try {
      return receipt.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      checks.expectTrue(receipt.id() + " finishes within " + WAIT, false, e);
      throw new IllegalStateException(receipt.id() + " did not finish", e);
    }
  }
}
