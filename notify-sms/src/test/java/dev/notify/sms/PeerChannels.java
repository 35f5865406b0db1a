package dev.notify.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import dev.notify.testkit.twilio.TwilioPeer;
import dev.notify.testkit.twilio.TwilioRoutes;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/** SMS channels and raw twilio-java clients pointed at a {@link TwilioPeer}. */
final class PeerChannels {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String FROM = "+14155550100";

  private PeerChannels() {
  }

  /** {@return a builder for the peer's account, sending from a long code, routed to the peer} */
  static SmsChannelBuilder to(TwilioPeer peer) {
    return SmsChannel.builder().account(peer.accountSid(), peer.authToken()).from(FROM)
        .httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)));
  }

  /** {@return twilio-java as a user would set it up by hand for the peer, with a pool} */
  static TwilioRestClient raw(TwilioPeer peer, int connections) {
    HttpClientBuilder b = HttpClientBuilder.create().disableAutomaticRetries()
        .setRoutePlanner(TwilioRoutes.to(peer))
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build());
    return new TwilioRestClient.Builder(peer.accountSid(), peer.authToken())
        .httpClient(new NetworkHttpClient(b)).build();
  }
}
