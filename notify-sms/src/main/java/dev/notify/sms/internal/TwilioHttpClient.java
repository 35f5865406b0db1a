package dev.notify.sms.internal;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * twilio-java's {@link NetworkHttpClient} on an Apache HttpClient 5 of the channel's own: a pool
 * sized to the channel's connections, the channel's connect and read timeouts (twilio-java sets
 * a fixed request configuration on every request, so an interceptor at the head of the exec chain
 * puts ours back), and no automatic retries of HttpClient's own (it would silently retry a 429 or
 * 503 once, even a POST) — applied after the host's hook, so the hook cannot turn them on again.
 *
 * <p>twilio-java retries 5xx answers itself (up to 3 times, 100 ms apart) through
 * {@code reliableRequest}, each retry one {@link #makeRequest}; this client counts the requests
 * of the current attempt on the calling thread and keeps the last answer's {@code Retry-After},
 * so the classification reports them.
 */
public final class TwilioHttpClient extends NetworkHttpClient {
  private static final ThreadLocal<Trace> TRACE = ThreadLocal.withInitial(Trace::new);

  /**
   * Creates the client.
   *
   * @param connections the most connections to Twilio at once
   * @param connectTimeout the connect timeout
   * @param readTimeout how long to wait for an answer
   * @param hook the host's customisation (a proxy, a route planner for tests), or {@code null}
   */
  public TwilioHttpClient(int connections, Duration connectTimeout, Duration readTimeout,
      @Nullable Consumer<HttpClientBuilder> hook) {
    super(builder(connections, connectTimeout, readTimeout, hook));
  }

  @SuppressWarnings("deprecation") // RequestConfig's connect timeout is what twilio-java sets
  private static HttpClientBuilder builder(int connections, Duration connectTimeout,
      Duration readTimeout, @Nullable Consumer<HttpClientBuilder> hook) {
    Timeout connect = Timeout.of(connectTimeout);
    Timeout read = Timeout.of(readTimeout);
    RequestConfig config = RequestConfig.custom().setConnectTimeout(connect)
        .setConnectionRequestTimeout(connect).setResponseTimeout(read).build();
    HttpClientBuilder b = HttpClientBuilder.create()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                .setSocketTimeout(read).build())
            .build())
        .setDefaultRequestConfig(config);
    if (hook != null) {
      hook.accept(b);
    }
    return b.disableAutomaticRetries()
        .addExecInterceptorFirst("notify-timeouts", (request, scope, chain) -> {
          scope.clientContext.setRequestConfig(config);
          return chain.proceed(request, scope);
        });
  }

  /** Starts counting the requests of one attempt on this thread. */
  public static void beginAttempt() {
    Trace t = TRACE.get();
    t.requests = 0;
    t.retryAfter = null;
  }

  /** {@return how many HTTP requests the current attempt on this thread made} */
  public static int requests() {
    return TRACE.get().requests;
  }

  /** {@return the last answer's Retry-After of the current attempt, or {@code null}} */
  public static @Nullable Duration retryAfter() {
    return TRACE.get().retryAfter;
  }

  @Override
  public Response makeRequest(Request request) {
    Trace t = TRACE.get();
    t.requests++;
    Response response = super.makeRequest(request);
    t.retryAfter = retryAfter(response.getHeaders());
    return response;
  }

  /** Closes the connections. */
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // Closing sockets: nothing to do about a failure.
    }
  }

  private static @Nullable Duration retryAfter(Header @Nullable [] headers) {
    if (headers == null) {
      return null;
    }
    for (Header h : headers) {
      if ("Retry-After".equalsIgnoreCase(h.getName())) {
        try {
          long seconds = Long.parseLong(h.getValue().trim());
          return seconds >= 0 ? Duration.ofSeconds(Math.min(seconds, 86_400)) : null;
        } catch (NumberFormatException e) {
          return null; // an HTTP date: rare at Twilio; the retry policy's backoff applies
        }
      }
    }
    return null;
  }

  /** The requests of the current attempt on one thread. */
  private static final class Trace {
    int requests;
    @Nullable Duration retryAfter;
  }
}
