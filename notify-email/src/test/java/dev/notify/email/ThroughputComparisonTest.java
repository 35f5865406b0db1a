package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.LaneOptions;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's measurement, not run by default ({@code -Dnotify.email.throughput=true}): emails
 * per second to one GreenMail, raw Angus Mail (one connected transport per thread, reused) against
 * a {@link NotificationClient} with the email channel on as many connections, in interleaved
 * rounds after a warm-up.
 */
@EnabledIfSystemProperty(named = "notify.email.throughput", matches = "true")
class ThroughputComparisonTest {
  private static final int CONNECTIONS = 4;
  private static final int PER_ROUND = 2_000;
  private static final int ROUNDS = 5;

  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);

  @Test
  void sdkAgainstRawAngusMail() throws Exception {
    double[] raw = new double[ROUNDS];
    double[] sdk = new double[ROUNDS];
    double[] channelOnly = new double[ROUNDS];
    try (EmailChannel direct = PeerChannels.smtp(greenMail.peer()).connections(CONNECTIONS).build();
        dev.notify.testkit.ManualChannelContext context =
            dev.notify.testkit.ManualChannelContext.create();
        NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.smtp(greenMail.peer()).connections(CONNECTIONS).build())
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(CONNECTIONS))
        .capacity(PER_ROUND * 2).build()) {
      for (int w = 0; w < 2; w++) {
        raw(PER_ROUND);
        sdk(client, "warm" + w, PER_ROUND);
        channel(direct, context, "warm" + w, PER_ROUND);
      }
      for (int r = 0; r < ROUNDS; r++) {
        raw[r] = raw(PER_ROUND);
        sdk[r] = sdk(client, "r" + r, PER_ROUND);
        channelOnly[r] = channel(direct, context, "r" + r, PER_ROUND);
      }
    }
    double rawMedian = median(raw);
    double sdkMedian = median(sdk);
    double channelMedian = median(channelOnly);
    System.out.printf("email throughput, %d connections, %d per round: raw %s, client %s,"
        + " channel alone %s; medians raw %.0f/s, client %.0f/s (ratio %.2f), channel alone"
        + " %.0f/s (ratio %.2f)%n", CONNECTIONS, PER_ROUND,
        java.util.Arrays.toString(rounded(raw)), java.util.Arrays.toString(rounded(sdk)),
        java.util.Arrays.toString(rounded(channelOnly)), rawMedian, sdkMedian,
        sdkMedian / rawMedian, channelMedian, channelMedian / rawMedian);
    assertThat(sdkMedian).isPositive();
  }

  private double raw(int n) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(greenMail.peer().port()));
    props.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(props);
    ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONNECTIONS; t++) {
        int from = t * (n / CONNECTIONS);
        done.add(threads.submit(() -> {
          try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = from; i < from + n / CONNECTIONS; i++) {
              MimeMessage m = new MimeMessage(session);
              m.setFrom(new InternetAddress(PeerChannels.FROM));
              m.setRecipient(Message.RecipientType.TO, new InternetAddress("u" + i
                  + "@example.com"));
              m.setSubject("Hello " + i, "UTF-8");
              m.setText("Message " + i, "UTF-8");
              m.saveChanges();
              transport.sendMessage(m, m.getAllRecipients());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      threads.shutdownNow();
    }
  }

  private static double channel(EmailChannel channel, dev.notify.spi.ChannelContext context,
      String round, int n) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONNECTIONS; t++) {
        int from = t * (n / CONNECTIONS);
        done.add(threads.submit(() -> {
          for (int i = from; i < from + n / CONNECTIONS; i++) {
            dev.notify.spi.Delivery d = new dev.notify.spi.Delivery(round + "-" + i + "/0", 1,
                Messages.message("u" + i + "@example.com", "Hello " + i, "Message " + i, null));
            assertThat(channel.sendBlocking(d, context))
                .isInstanceOf(dev.notify.spi.DeliveryResult.Sent.class);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      threads.shutdownNow();
    }
  }

  private static double sdk(NotificationClient client, String round, int n) throws Exception {
    long start = System.nanoTime();
    List<SendReceipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      receipts.add(client.send(Notification.builder().id(round + "-" + i)
          .to(Recipient.email("u" + i + "@example.com")).subject("Hello " + i)
          .text("Message " + i).build()));
    }
    for (SendReceipt r : receipts) {
      assertThat(r.completion().get(120, TimeUnit.SECONDS).isSent()).isTrue();
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long[] rounded(double[] values) {
    long[] r = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = Math.round(values[i]);
    }
    return r;
  }
}
