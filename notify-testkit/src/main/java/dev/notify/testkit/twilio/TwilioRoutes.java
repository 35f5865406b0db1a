package dev.notify.testkit.twilio;

import static java.util.Objects.requireNonNull;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;

/**
 * Points an Apache HttpClient 5 at a {@link TwilioPeer}: a route planner that sends every request
 * (to {@code https://api.twilio.com}, say) over plain HTTP to the peer's port on loopback, the
 * request line and {@code Host} header unchanged. Give it to twilio-java's
 * {@code NetworkHttpClient} through its {@code HttpClientBuilder}, or to notify-sms's
 * {@code SmsChannel.Builder.httpClient(b -> b.setRoutePlanner(TwilioRoutes.to(peer)))}.
 *
 * <p>Needs {@code org.apache.httpcomponents.client5:httpclient5} on the class path (optional in
 * the testkit; notify-sms brings it).
 */
public final class TwilioRoutes {
  private TwilioRoutes() {
  }

  /**
   * {@return a route planner to the peer}
   *
   * @param peer a started peer
   */
  public static HttpRoutePlanner to(TwilioPeer peer) {
    requireNonNull(peer, "peer");
    return (target, context) -> new HttpRoute(
        new HttpHost("http", peer.baseUri().getHost(), peer.port()));
  }
}
