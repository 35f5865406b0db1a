package dev.notify.examples;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.email.Bounce;
import dev.notify.email.DsnParser;
import dev.notify.email.EmailAttachment;
import dev.notify.email.EmailOptions;
import dev.notify.event.EventType;
import dev.notify.examples.DemoWorld.Tokens;
import dev.notify.examples.webhook.LocalWebhookServer.Answer;
import dev.notify.examples.webhook.LocalWebhookServer.Received;
import dev.notify.examples.webhook.WebhookChannel;
import dev.notify.examples.webhook.WebhookOptions;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import dev.notify.status.Receipt;
import dev.notify.testkit.Await;
import dev.notify.testkit.apns.PeerResponse;
import dev.notify.testkit.apns.ReceivedPush;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The SDK's job in one run, on embedded local providers: pushy's {@code MockApnsServer} over
 * HTTP/2 and TLS, GreenMail as the SMTP server, and a local HTTP server behind a custom web-hook
 * channel. It sends a realistic mix (templated orders in two locales, a duplicate event, a group
 * broadcast, an opt-out, quiet hours, a rate-limited burst, a provider that fails and recovers, a
 * stale token, a dead letter that is replayed, a scheduled and a cancelled notification, email
 * receipts, then a load burst), prints what happened, and checks every outcome: exit status 0
 * only when all are as expected.
 *
 * <p>Run it from the repository root with {@code mvn -B -q -DskipTests -Pdemo verify}.
 */
public final class Quickstart {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int LOAD_PUSHES = 10_000;
  private static final int LOAD_HOOKS = 1_000;

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final Checks checks = new Checks();
  private final DemoWorld world;
  private volatile String phase = "starting";
  private String danaWaits = "";
  private final NotificationClient client;

  private Quickstart(PrintStream out, DemoWorld world) {
    this.out = out;
    this.world = world;
    this.client = world.client;
  }

  /** Runs the demo; the exit status is 0 when every outcome was the expected one. */
  public static void main(String[] args) {
    long started = System.nanoTime();
    PrintStream out = System.out;
    boolean ok;
    try (DemoWorld world = new DemoWorld()) {
      out.println("notify Quickstart: channels " + world.client.channels().stream()
          .map(c -> c.name() + " (" + c.type().id() + ")").toList()
          + " on local providers, 11 users, group 'beta'");
      Quickstart demo = new Quickstart(out, world);
      try {
        ok = demo.run();
      } catch (RuntimeException e) {
        out.println();
        demo.checks.print(out);
        out.println("The demo stopped: " + e);
        e.printStackTrace(out);
        ok = false;
      }
    }
    out.printf(Locale.ROOT, "Finished in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    System.exit(ok ? 0 : 1);
  }

  private boolean run() {
    Thread ticker = terminal ? startTicker() : null;
    step("templated orders", this::orders);
    step("duplicate event id", this::duplicate);
    step("broadcast to 'beta'", this::broadcast);
    step("rate-limited burst", this::burst);
    step("transient failure", this::transientFailure);
    step("unregistered token", this::staleToken);
    step("dead letter, replay", this::deadLetterAndReplay);
    step("scheduled, cancelled", this::scheduledAndCancelled);
    step("email receipts", this::emailReceipts);
    step("sms", () -> DemoSms.run(client, world, checks, out));
    step("android and web push", () -> DemoPush.run(world, checks));
    Map<String, Double> rates = new LinkedHashMap<>();
    step("load burst", () -> load(rates));
    if (ticker != null) {
      ticker.interrupt();
      joinQuietly(ticker);
    }
    out.println();
    world.report.printTable(out, client.stats(), rates);
    checkTotals();
    out.println();
    world.report.printHistory(out, "A provider that failed twice, then recovered",
        client.status("gus-receipt").orElseThrow());
    world.report.printHistory(out, "A dead letter, replayed once the receiver was fixed",
        client.status("incident-7").orElseThrow());
    out.println("Waiting for quiet hours: " + danaWaits);
    out.println();
    checks.print(out);
    return checks.allPassed();
  }

  private void step(String name, Runnable scenario) {
    phase = name;
    scenario.run();
    synchronized (out) {
      world.report.progress(out, name, terminal, false);
    }
  }

  /** On a terminal, the progress line of the running step is redrawn ten times a second. */
  private Thread startTicker() {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        synchronized (out) {
          world.report.progress(out, phase + " ...", true, true);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }, "demo-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void orders() {
    Map<String, String> ada = Map.of("name", "Ada", "orderId", "1001", "carrier", "DHL");
    sent("order to Ada's 2 devices", send(Notification.builder().id("order-1001")
        .to(Recipient.user("ada")).template("order-shipped", ada).build()), 2);
    sent("order to Bruno (de)", send(Notification.builder().id("order-1002")
        .to(Recipient.user("bruno")).template("order-shipped",
            Map.of("name", "Bruno", "orderId", "1002", "carrier", "DHL")).build()), 1);
    checks.expectTrue("Bruno's push is in German", pushesTo(Tokens.BRUNO).stream()
        .anyMatch(p -> p.payload().contains("Ihre Bestellung ist unterwegs")), pushesTo(Tokens.BRUNO));
    sent("order to the 'orders' room", send(Notification.builder().id("order-1001-room")
        .to(Recipient.address(WebhookChannel.TYPE, "orders")).template("order-shipped", ada)
        .options(new WebhookOptions("order.shipped")).build()), 1);
    Received posted = world.hooks.received().get(0);
    checks.expect("web-hook body title", "Order 1001 shipped", posted.body().path("title").asText());
    checks.expect("web-hook event option", "order.shipped", posted.body().path("event").asText());
  }

  private void duplicate() {
    SendReceipt again = client.send(Notification.builder().id("order-1001")
        .to(Recipient.user("ada")).template("order-shipped",
            Map.of("name", "Ada", "orderId", "1001", "carrier", "DHL")).build());
    checks.expect("the same event id again is a duplicate", true, again.duplicate());
    checks.expect("Ada's phone got the order once", 1, pushesTo(Tokens.ADA_PHONE).size());
  }

  private void broadcast() {
    client.send(Notification.builder().id("spring-sale").to(Recipient.group("beta"))
        .category("marketing").title("Spring sale").body("20% off for beta testers").build());
    for (String member : List.of("ada", "bruno", "finn")) {
      NotificationStatus s = await("spring-sale:" + member, NotificationStatus::isFinal);
      checks.expectTrue("broadcast reached " + member, s.isSent(), s);
    }
    DeliveryStatus chen = only(await("spring-sale:chen", NotificationStatus::isFinal));
    checks.expect("Chen opted out of marketing", DeliveryState.SUPPRESSED, chen.state());
    checks.expect("Chen's suppression reason", "opted-out-category (category 'marketing')",
        chen.reason());
    DeliveryStatus dana = only(await("spring-sale:dana",
        s -> s.count(DeliveryState.SCHEDULED) == 1));
    Instant quietUntil = world.danasQuietHours.quietUntil(dana.updatedAt(), DemoWorld.TOKYO)
        .orElse(null);
    checks.expect("Dana's broadcast waits for the end of her quiet hours", quietUntil,
        dana.nextAttemptAt());
    checks.expect("Dana's reason names the end of her quiet hours",
        "quiet hours (until " + dana.nextAttemptAt() + ")", dana.reason());
    danaWaits = "spring-sale:dana is " + dana.state() + " (" + DemoReport.code(dana.reason())
        + ": Tokyo, "
        + world.danasQuietHours.start() + "–" + world.danasQuietHours.end() + ") until "
        + DateTimeFormatter.ISO_INSTANT.format(dana.nextAttemptAt());
    sent("a critical 'security' alert skips Dana's quiet hours", send(Notification.builder()
        .id("security-dana").to(Recipient.user("dana")).category("security")
        .title("New sign-in").body("A new device signed in to your account").build()), 1);
  }

  private void burst() {
    List<SendReceipt> burst = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      burst.add(client.send(Notification.builder().id("chat-" + i).to(Recipient.user("finn"))
          .category("social").title("Gus").body("Message " + i).build()));
    }
    List<NotificationStatus> done = burst.stream().map(this::complete).toList();
    checks.expect("a burst of 10 at 3 a minute: sent", 3L,
        done.stream().filter(NotificationStatus::isSent).count());
    checks.expect("a burst of 10 at 3 a minute: rate-limited", 7L, done.stream()
        .filter(s -> "rate-limited".equals(DemoReport.code(only(s).reason()))).count());
  }

  private void transientFailure() {
    world.apnsPeer.respond(Tokens.GUS, PeerResponse.reject(RejectionReason.INTERNAL_SERVER_ERROR),
        PeerResponse.reject(RejectionReason.SERVICE_UNAVAILABLE), PeerResponse.accept());
    DeliveryStatus gus = only(complete(client.send(Notification.builder().id("gus-receipt")
        .to(Recipient.user("gus")).title("Receipt").body("Thanks for your order").build())));
    checks.expect("a provider that fails twice then recovers: state", DeliveryState.SENT,
        gus.state());
    checks.expect("... after attempts", List.of(Outcome.RETRYABLE, Outcome.RETRYABLE, Outcome.SENT),
        gus.attempts().stream().map(a -> a.outcome()).toList());
  }

  private void staleToken() {
    world.apnsPeer.respond(Tokens.EVE_STALE,
        PeerResponse.unregistered(world.start.minus(Duration.ofDays(1))));
    DeliveryStatus eve = only(complete(client.send(Notification.builder().id("eve-reminder")
        .to(Recipient.user("eve")).title("We miss you").body("Come back").build())));
    checks.expect("an unregistered token fails", DeliveryState.FAILED, eve.state());
    checks.expect("... classified", Outcome.ADDRESS_INVALID, eve.attempts().get(0).outcome());
    checks.expect("... and is removed from the directory", List.of(),
        world.users.findUser("eve").orElseThrow().addresses());
  }

  private void deadLetterAndReplay() {
    world.hooks.respond("incidents", Answer.status(500));
    Notification incident = Notification.builder().id("incident-7")
        .to(Recipient.address(WebhookChannel.TYPE, "incidents")).viaChannel("ops")
        .priority(Priority.HIGH).title("Disk full").body("db-2 is at 97%").build();
    DeliveryStatus dead = only(complete(client.send(incident)));
    checks.expect("a receiver failing every attempt: state", DeliveryState.DEAD, dead.state());
    checks.expect("... after attempts", 3, dead.attempts().size());
    checks.expect("deadLetters(\"ops\")", List.of("incident-7"),
        client.deadLetters("ops", 10).stream().map(NotificationStatus::id).toList());
    world.hooks.respond("incidents", Answer.accept());
    SendReceipt replay = client.replay("incident-7").orElseThrow();
    checks.expect("the replayed dead letter is sent", true, complete(replay).isSent());
    checks.expect("no dead letters left", 0, client.deadLetters(10).size());
  }

  private void scheduledAndCancelled() {
    Instant in1s = world.report.now().plusSeconds(1);
    SendReceipt later = client.send(Notification.builder().id("digest-ada")
        .to(Recipient.user("ada")).title("Your weekly digest").body("3 new articles")
        .sendAt(in1s).build());
    client.send(Notification.builder().id("reminder-bruno").to(Recipient.apnsToken(Tokens.BRUNO))
        .title("Renew").body("Your plan renews tomorrow").sendAt(in1s.plusSeconds(3_600)).build());
    checks.expect("cancel a notification scheduled in an hour", true,
        client.cancel("reminder-bruno"));
    checks.expect("... its state", DeliveryState.CANCELLED,
        only(client.status("reminder-bruno").orElseThrow()).state());
    NotificationStatus digest = complete(later);
    checks.expect("scheduled for +1 s: sent to both of Ada's devices", 2L,
        digest.count(DeliveryState.SENT));
    checks.expectTrue("... not before its time", digest.deliveries().stream()
        .allMatch(d -> !d.attempts().get(0).at().isBefore(in1s)), digest);
  }

  /**
   * Email receipts from a template (HTML only; the channel adds the text part), with the invoice
   * attached by reference, to GreenMail: each arrives as multipart/alternative with the PDF, a
   * one-click List-Unsubscribe link and its delivery's Message-ID. One address bounces later: the
   * bounce is read with {@code DsnParser} and recorded on its delivery. A subject that smuggles a
   * header is refused at send.
   */
  private void emailReceipts() {
    List<SendReceipt> receipts = new ArrayList<>();
    for (String who : List.of("ada", "bruno", "gone")) {
      receipts.add(client.send(Notification.builder().id("receipt-" + who)
          .to(Recipient.email(who + "@example.com")).category("receipts")
          .template("receipt", Map.of("name", who, "orderId", "A-1", "total", "EUR 42.00"))
          .options(EmailOptions.builder().attachment(EmailAttachment.reference("invoice.pdf",
              "application/pdf", "invoices/A-1.pdf")).build())
          .build()));
    }
    for (SendReceipt r : receipts) {
      sent("email receipt " + r.id() + " sent", r, 1);
    }
    checks.expectTrue("GreenMail received all three", world.smtp.waitForIncomingEmail(
        WAIT.toMillis(), 3), world.smtp.getReceivedMessages().length);
    MimeMessage first = world.smtp.getReceivedMessages()[0];
    String wire = DemoMail.raw(first);
    checks.expectTrue("... templated, multipart/alternative with a text part and the PDF",
        wire.contains("multipart/alternative") && wire.contains("text/plain")
            && wire.contains("Thank you") && wire.contains("invoice.pdf"),
        DemoMail.header(first, "Subject"));
    checks.expectTrue("... one-click List-Unsubscribe", DemoMail.header(first,
        "List-Unsubscribe-Post").equals("List-Unsubscribe=One-Click") && DemoMail.header(first,
        "List-Unsubscribe").contains("unsubscribe?c=receipts"),
        DemoMail.header(first, "List-Unsubscribe"));

    // Days later the bounce mailbox gets a delivery status notification for gone@example.com.
    String pid = only(client.status("receipt-gone").orElseThrow()).providerMessageId();
    List<Bounce> bounces = DsnParser.parse(DemoMail.hardBounce("gone@example.com", pid));
    Bounce bounce = bounces.get(0);
    checks.expectTrue("the bounce is a hard one for an address that does not exist",
        bounce.permanent() && bounce.addressInvalid(), bounce);
    client.recordReceipt("email", bounce.originalMessageId(),
        bounce.receipt(world.report.now()).orElseThrow());
    checks.expect("... recorded on the delivery it bounced", List.of(Receipt.Kind.ADDRESS_INVALID),
        only(client.status("receipt-gone").orElseThrow()).receipts().stream()
            .map(Receipt::kind).toList());
    try {
      client.send(Notification.builder().id("receipt-smuggled").to(Recipient.email(
          "eve@example.com")).subject("Hi\r\nBcc: everyone@example.com").text("x").build());
      checks.expectTrue("a subject with CR LF is refused at send", false, "accepted");
    } catch (InvalidNotificationException e) {
      checks.expect("a subject with CR LF is refused at send, nothing stored", false,
          client.status("receipt-smuggled").isPresent());
    }
  }

  private void load(Map<String, Double> rates) {
    Instant t0 = world.report.now();
    List<SendReceipt> pushes = new ArrayList<>(LOAD_PUSHES);
    List<SendReceipt> hooks = new ArrayList<>(LOAD_HOOKS);
    for (int i = 0; i < LOAD_PUSHES; i++) {
      pushes.add(client.send(Notification.builder().id("load-push-" + i)
          .to(Recipient.apnsToken(Tokens.token(0x10_0000L + i))).title("Load").body("#" + i)
          .build()));
      if (i % (LOAD_PUSHES / LOAD_HOOKS) == 0) {
        hooks.add(client.send(Notification.builder().id("load-hook-" + hooks.size())
            .to(Recipient.address(WebhookChannel.TYPE, "room-" + hooks.size() % 10))
            .body("#" + i).build()));
      }
    }
    rates.put("apns", rate("load pushes", pushes, t0));
    rates.put("chat", rate("load web-hooks", hooks, t0));
  }

  private double rate(String what, List<SendReceipt> receipts, Instant t0) {
    Instant last = t0;
    long sent = 0;
    for (SendReceipt r : receipts) {
      NotificationStatus s = complete(r);
      if (s.isSent()) {
        sent++;
        Instant at = only(s).attempts().get(0).at();
        last = at.isAfter(last) ? at : last;
      }
    }
    checks.expect(what + " sent", (long) receipts.size(), sent);
    double seconds = Math.max(Duration.between(t0, last).toNanos() / 1e9, 1e-3);
    return sent / seconds;
  }

  /** The lane counters must add up to what the scenarios above did. */
  private void checkTotals() {
    var lanes = client.stats().lanes();
    long apnsSent = 3 + 4 + 1 + 3 + 1 + 2 + LOAD_PUSHES;
    checks.expect("apns SENT", apnsSent, DemoReport.finished(lanes.get("apns"), DeliveryState.SENT));
    checks.expect("apns FAILED", 1L, DemoReport.finished(lanes.get("apns"), DeliveryState.FAILED));
    checks.expect("apns retries", 2L, world.report.retriesOn("apns"));
    checks.expect("apns CANCELLED", 1L,
        DemoReport.finished(lanes.get("apns"), DeliveryState.CANCELLED));
    checks.expect("apns suppressed by reason", Map.of("opted-out-category", 1L, "rate-limited", 7L),
        world.report.suppressedOn("apns"));
    checks.expect("chat SENT", 1L + LOAD_HOOKS,
        DemoReport.finished(lanes.get("chat"), DeliveryState.SENT));
    checks.expect("ops retries", 2L, world.report.retriesOn("ops"));
    checks.expect("ops DEAD then SENT", List.of(1L, 1L), List.of(
        DemoReport.finished(lanes.get("ops"), DeliveryState.DEAD),
        DemoReport.finished(lanes.get("ops"), DeliveryState.SENT)));
    checks.expect("ADDRESS_INVALID events", 1L + DemoPush.ADDRESS_INVALID,
        world.report.count(EventType.ADDRESS_INVALID));
    DemoPush.checkTotals(world, checks);
    checks.expect("email SENT", 3L, DemoReport.finished(lanes.get("email"), DeliveryState.SENT));
  }

  private void sent(String what, SendReceipt receipt, int deliveries) {
    NotificationStatus s = complete(receipt);
    checks.expectTrue(what, s.isSent() && s.deliveries().size() == deliveries, s);
  }

  private SendReceipt send(Notification n) {
    return client.send(n);
  }

  private NotificationStatus complete(SendReceipt receipt) {
    try {
      return receipt.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      checks.expectTrue(receipt.id() + " finishes within " + WAIT, false, e);
      return client.status(receipt.id()).orElseThrow();
    }
  }

  /** Waits for a notification the client created itself (a group member's) to get there. */
  private NotificationStatus await(String id, Predicate<NotificationStatus> done) {
    try {
      return Await.atMost(WAIT).until(id, () -> client.status(id).orElse(null),
          s -> s != null && done.test(s));
    } catch (AssertionError e) {
      checks.expectTrue(id + " gets there within " + WAIT, false, e.getMessage());
      return client.status(id).orElseThrow();
    }
  }

  private static DeliveryStatus only(NotificationStatus status) {
    if (status.deliveries().size() != 1) {
      throw new IllegalStateException("expected one delivery: " + status);
    }
    return status.deliveries().get(0);
  }

  private List<ReceivedPush> pushesTo(String token) {
    return world.apnsPeer.received().stream().filter(p -> p.token().equals(token))
        .filter(ReceivedPush::accepted).toList();
  }
}
