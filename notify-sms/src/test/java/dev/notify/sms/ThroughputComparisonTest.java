package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RateLimit;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.TwilioPeer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's measurement, not run by default ({@code -Dnotify.sms.throughput=true}): messages
 * per second to one {@link TwilioPeer} (not recording), raw twilio-java (its own
 * {@code TwilioRestClient} on a pooled {@code NetworkHttpClient}, {@link #CONCURRENCY} threads
 * calling {@code create}) against a {@link NotificationClient} with the SMS channel at the same
 * concurrency (lane in flight and connections), and the channel alone, in interleaved rounds
 * after a warm-up.
 */
@EnabledIfSystemProperty(named = "notify.sms.throughput", matches = "true")
class ThroughputComparisonTest {
  private static final int CONCURRENCY = 8;
  private static final int PER_ROUND = 4_000;
  private static final int ROUNDS = 5;

  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers =
      ProviderPeerExtension.of(() -> TwilioPeer.start(CONCURRENCY, false));

  @Test
  void sdkAgainstRawTwilioJava(TwilioPeer peer) throws Exception {
    double[] raw = new double[ROUNDS];
    double[] sdk = new double[ROUNDS];
    double[] channelOnly = new double[ROUNDS];
    TwilioRestClient twilio = PeerChannels.raw(peer, CONCURRENCY);
    try (SmsChannel direct = PeerChannels.to(peer).connections(CONCURRENCY).build();
        ManualChannelContext context = ManualChannelContext.create();
        NotificationClient client = NotificationClient.builder()
            .channel(PeerChannels.to(peer).connections(CONCURRENCY)
                .throughput(RateLimit.perSecond(1_000_000)).build())
            .lane("sms", LaneOptions.ofDefaults().withMaxInFlight(CONCURRENCY))
            .capacity(PER_ROUND * 2).build()) {
      for (int w = 0; w < 2; w++) {
        raw(twilio, PER_ROUND);
        sdk(client, "warm" + w, PER_ROUND);
        channel(direct, context, "warm" + w, PER_ROUND);
      }
      for (int r = 0; r < ROUNDS; r++) {
        raw[r] = raw(twilio, PER_ROUND);
        sdk[r] = sdk(client, "r" + r, PER_ROUND);
        channelOnly[r] = channel(direct, context, "r" + r, PER_ROUND);
      }
    }
    double rawMedian = median(raw);
    double sdkMedian = median(sdk);
    double channelMedian = median(channelOnly);
    System.out.printf(Locale.ROOT, "sms throughput, concurrency %d, %d per round: raw %s,"
        + " client %s, channel alone %s; medians raw %.0f/s, client %.0f/s (ratio %.2f),"
        + " channel alone %.0f/s (ratio %.2f)%n", CONCURRENCY, PER_ROUND,
        Arrays.toString(rounded(raw)), Arrays.toString(rounded(sdk)),
        Arrays.toString(rounded(channelOnly)), rawMedian, sdkMedian, sdkMedian / rawMedian,
        channelMedian, channelMedian / rawMedian);
    assertThat(sdkMedian).isPositive();
  }

  private static String to(int i) {
    return String.format(Locale.ROOT, "+336120%05d", i % 100_000);
  }

  private static double raw(TwilioRestClient twilio, int n) throws Exception {
    return threads(n, i -> Message.creator(new PhoneNumber(to(i)),
        new PhoneNumber(PeerChannels.FROM), "Message " + i).create(twilio));
  }

  private static double channel(SmsChannel channel, ManualChannelContext context, String round,
      int n) throws Exception {
    return threads(n, i -> {
      DeliveryResult r = channel.sendBlocking(new Delivery(round + "-" + i + "/0", 1,
          AcceptedSendTest.message(to(i), "Message " + i, null, null)), context);
      if (!(r instanceof DeliveryResult.Sent)) {
        throw new AssertionError(r.toString());
      }
    });
  }

  private static double threads(int n, IntConsumer send) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONCURRENCY; t++) {
        int from = t * (n / CONCURRENCY);
        done.add(threads.submit(() -> {
          for (int i = from; i < from + n / CONCURRENCY; i++) {
            send.accept(i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(300, TimeUnit.SECONDS);
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
          .to(Recipient.phone(to(i))).body("Message " + i).build()));
    }
    for (SendReceipt r : receipts) {
      assertThat(r.completion().get(300, TimeUnit.SECONDS).isSent()).isTrue();
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long[] rounded(double[] values) {
    return Arrays.stream(values).mapToLong(Math::round).toArray();
  }
}
