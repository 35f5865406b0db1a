package dev.notify.fcm.testing;

import static java.util.Objects.requireNonNull;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;
import dev.notify.fcm.FcmChannel;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Date;

/**
 * How firebase-admin reaches a local FCM peer without changing its code: FCM's URL
 * ({@code https://fcm.googleapis.com/v1/…}) is hard-coded in the SDK, so the transport's
 * connection factory sends every request to the peer's base URI instead (same path and query),
 * and the credentials are a static access token, so no token is ever fetched from Google.
 *
 * <pre>{@code
 * try (FcmPeer peer = FcmPeer.start()) {
 *   FcmChannel channel = FcmPeerConnection.channel(peer.baseUri(), "demo-project").build();
 *   ...
 * }
 * }</pre>
 *
 * <p>The transport is google-http-client's {@link NetHttpTransport} (HTTP/1.1 over
 * {@link HttpURLConnection}), not firebase-admin's default Apache HttpClient 5 HTTP/2 transport:
 * the local peers speak HTTP/1.1 in the clear. The module README says what that means for the
 * tests.
 */
public final class FcmPeerConnection {
  /** The access token the peer sees in {@code Authorization: Bearer …}. */
  public static final String ACCESS_TOKEN = "notify-local-peer-token";

  private FcmPeerConnection() {
  }

  /**
   * {@return a transport that sends every request to {@code base} instead of Google}
   *
   * @param base the peer's base URI, e.g. {@code http://127.0.0.1:50123/}
   */
  public static HttpTransport transport(URI base) {
    requireNonNull(base, "base");
    String root = base.getScheme() + "://" + base.getRawAuthority();
    return new NetHttpTransport.Builder().setConnectionFactory(url -> {
      String rewritten = root + url.getFile();
      return (HttpURLConnection) new URL(rewritten).openConnection(Proxy.NO_PROXY);
    }).build();
  }

  /**
   * {@return static credentials: the access token {@link #ACCESS_TOKEN}, valid until 2100}. Like
   * {@code GoogleCredentials.create(new AccessToken(...))}, but a refresh gives the same token
   * back instead of failing: Google's auth library refreshes once on a 401 and sends again, as
   * it does with real credentials, so a peer's 401 plays out as in production.
   */
  public static GoogleCredentials credentials() {
    return new StaticCredentials(new AccessToken(ACCESS_TOKEN,
        Date.from(Instant.parse("2100-01-01T00:00:00Z"))));
  }

  /** A token that never changes; refreshing it gives it back. */
  private static final class StaticCredentials extends GoogleCredentials {
    private final AccessToken token;

    StaticCredentials(AccessToken token) {
      super(GoogleCredentials.newBuilder().setAccessToken(token));
      this.token = token;
    }

    @Override
    public AccessToken refreshAccessToken() {
      return token;
    }
  }

  /**
   * {@return firebase-admin options for a plain {@code FirebaseApp} on the peer (what a raw
   * firebase-admin comparison uses)}
   *
   * @param base the peer's base URI
   * @param projectId the project id
   */
  public static FirebaseOptions options(URI base, String projectId) {
    return FirebaseOptions.builder().setCredentials(credentials()).setProjectId(projectId)
        .setHttpTransport(transport(base)).build();
  }

  /**
   * {@return a channel builder with the peer's transport, static credentials and the project id
   * set}
   *
   * @param base the peer's base URI
   * @param projectId the project id
   */
  public static FcmChannel.Builder channel(URI base, String projectId) {
    return FcmChannel.builder().credentials(credentials()).projectId(projectId)
        .httpTransport(transport(base));
  }
}
