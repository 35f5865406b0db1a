package dev.notify.bench.scenario;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.bench.harness.Meter;
import dev.notify.bench.harness.Options;
import dev.notify.bench.harness.Round;
import dev.notify.bench.harness.ScenarioResult;
import dev.notify.bench.harness.Variant;
import dev.notify.email.EmailChannel;
import dev.notify.email.SmtpSecurity;
import dev.notify.policy.Backpressure;
import dev.notify.policy.LaneOptions;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * Email: {@code NotificationClient.send} with notify-email (one SMTP connection, one in flight)
 * until SENT, against raw Angus Mail sending over one connected {@code Transport} that is reused
 * for every message ({@code saveChanges} then {@code sendMessage}, as DEPENDENCIES.md says), both
 * to the same in-process GreenMail on plain SMTP, rounds interleaved. GreenMail's mailboxes are
 * emptied between rounds.
 */
public final class EmailScenario implements Scenario {
  private static final String FROM = "notify@example.com";

  @Override
  public String id() {
    return "email";
  }

  @Override
  public ScenarioResult run(Options options) throws Exception {
    int count = options.size(2_000, 200);
    int rounds = options.size(5, 2);
    ScenarioResult result = new ScenarioResult(id(), "NotificationClient with notify-email"
        + " against raw Angus Mail, one reused SMTP connection each, same GreenMail",
        "SDK: from send to the SENT event; raw: from building the message to the end of"
        + " sendMessage (GreenMail's answer to the DATA command)");
    Variant sdk = result.add(new Variant("sdk", "NotificationClient.send to SENT, notify-email,"
        + " one connection, one in flight"));
    Variant raw = result.add(new Variant("angus", "raw Angus Mail, one connected Transport"
        + " reused, one thread"));
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    try {
      int port = greenMail.getSmtp().getPort();
      SentRounds sdkRounds = new SentRounds();
      Properties props = new Properties();
      props.put("mail.smtp.host", "127.0.0.1");
      props.put("mail.smtp.port", Integer.toString(port));
      props.put("mail.smtp.timeout", "10000");
      props.put("mail.smtp.connectiontimeout", "10000");
      props.put("mail.smtp.writetimeout", "10000");
      Session session = Session.getInstance(props);
      try (NotificationClient client = NotificationClient.builder()
          .channel(EmailChannel.builder().server("127.0.0.1", port).security(SmtpSecurity.NONE)
              .from(FROM, "Notify").connections(1).build())
          .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1))
          .backpressure(Backpressure.block(Duration.ofMinutes(1)))
          .listener(sdkRounds::onEvent).build();
          Transport transport = session.getTransport("smtp")) {
        transport.connect();
        for (int r = 0; r <= rounds; r++) {
          int size = r == 0 ? Math.max(100, count / 2) : count;
          Round a = raw(session, transport, "r" + r, size);
          greenMail.purgeEmailFromAllMailboxes();
          Round s = sdk(client, sdkRounds, "r" + r, size);
          greenMail.purgeEmailFromAllMailboxes();
          if (r > 0) {
            raw.rounds().add(a);
            sdk.rounds().add(s);
          }
        }
      }
    } finally {
      greenMail.stop();
    }
    result.pair("sdk", "angus");
    return result;
  }

  private static Round raw(Session session, Transport transport, String prefix, int count)
      throws MessagingException {
    Meter meter = Meter.start();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(FROM));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress("u" + i + "@example.com"));
      m.setSubject("Hello " + prefix + "-" + i, "UTF-8");
      m.setText("Message " + i, "UTF-8");
      m.saveChanges();
      transport.sendMessage(m, m.getAllRecipients());
      meter.since(t0);
    }
    return meter.finish(count, 0, System.nanoTime());
  }

  private static Round sdk(NotificationClient client, SentRounds rounds, String prefix,
      int count) {
    return rounds.round(count, i -> {
      String id = rounds.sending(prefix + "-" + i);
      client.send(Notification.builder().id(id).to(Recipient.email("u" + i + "@example.com"))
          .subject("Hello " + id).text("Message " + i).build());
    });
  }
}
