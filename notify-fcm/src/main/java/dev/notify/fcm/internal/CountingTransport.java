package dev.notify.fcm.internal;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the SDK's HTTP transport to see every HTTP request a send makes, and to bound the SDK's
 * own retries. firebase-admin retries a 503 itself (up to 4 times, sleeping 0.5 s, 1 s, 2 s, 4 s
 * with jitter or the Retry-After, the blocking thread asleep all along) and has no switch for it
 * (firebase-admin-java #1075). {@code FirebaseMessaging.send} runs on the calling thread, so an
 * {@link Exchange} kept per thread counts its requests; once the budget is spent, the last 503 is
 * handed to the SDK with a {@code Retry-After} beyond the SDK's 60 s cap, which makes the SDK
 * give up at once instead of sleeping (its documented rule: a server wait it cannot honour means
 * no retry). The real answer is kept in the exchange for the classification. A 401 is sent
 * again once after the auth library refreshed the token; a further request is refused with an
 * {@code IOException} and classified from the last answer.
 */
final class CountingTransport extends HttpTransport {
  /** Past firebase-admin's RetryConfig maximum interval (60 s): its retry handler then stops. */
  private static final String NO_SDK_RETRY = "86400";
  private static final String RETRY_AFTER = "Retry-After";
  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  private final HttpTransport delegate;

  CountingTransport(HttpTransport delegate) {
    this.delegate = delegate;
  }

  /** What one send saw: how many requests went out, and the last answer's status and wait. */
  static final class Exchange {
    final int maxRequests;
    int requests;
    int lastStatus;
    @Nullable String lastRetryAfter;
    boolean authRetried;
    boolean refused;

    Exchange(int maxRequests) {
      this.maxRequests = maxRequests;
    }
  }

  /** Starts counting on this thread; {@link #end()} stops. */
  static Exchange begin(int maxRequests) {
    Exchange e = new Exchange(maxRequests);
    CURRENT.set(e);
    return e;
  }

  static void end() {
    CURRENT.remove();
  }

  @Override
  public boolean supportsMethod(String method) throws IOException {
    return delegate.supportsMethod(method);
  }

  @Override
  public void shutdown() throws IOException {
    delegate.shutdown();
  }

  /**
   * {@code HttpTransport.buildRequest} is protected, and a transport can only be wrapped by
   * calling it on the wrapped one; a reflective call, set up once, is the way from another
   * package.
   */
  private static final java.lang.reflect.Method BUILD_REQUEST = buildRequestMethod();

  private static java.lang.reflect.Method buildRequestMethod() {
    try {
      java.lang.reflect.Method m =
          HttpTransport.class.getDeclaredMethod("buildRequest", String.class, String.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this google-http-client has no"
          + " HttpTransport.buildRequest(String, String)", e);
    }
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
    try {
      return new Counted((LowLevelHttpRequest) BUILD_REQUEST.invoke(delegate, method, url));
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hands the SDK's request to the real transport's and counts it. */
  private static final class Counted extends LowLevelHttpRequest {
    private final LowLevelHttpRequest real;

    Counted(LowLevelHttpRequest real) {
      this.real = real;
    }

    @Override
    public void addHeader(String name, String value) throws IOException {
      real.addHeader(name, value);
    }

    @Override
    public void setTimeout(int connectTimeout, int readTimeout) throws IOException {
      real.setTimeout(connectTimeout, readTimeout);
    }

    @Override
    public void setWriteTimeout(int writeTimeout) throws IOException {
      real.setWriteTimeout(writeTimeout);
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      real.setContentLength(getContentLength());
      real.setContentEncoding(getContentEncoding());
      real.setContentType(getContentType());
      real.setStreamingContent(getStreamingContent());
      Exchange exchange = CURRENT.get();
      if (exchange != null) {
        if (exchange.requests >= exchange.maxRequests) {
          // Google's auth library answers a 401 by refreshing the token and sending again, as
          // often as the request allows (10 times): one such retry is worth it (an expired
          // token), more are not.
          if (exchange.lastStatus == 401 && !exchange.authRetried) {
            exchange.authRetried = true;
          } else {
            exchange.refused = true;
            throw new IOException("not sent: the attempt's " + exchange.requests
                + " requests are spent");
          }
        }
        exchange.requests++;
      }
      LowLevelHttpResponse response = real.execute();
      if (exchange == null) {
        return response;
      }
      exchange.lastStatus = response.getStatusCode();
      int retryAfter = retryAfterIndex(response);
      exchange.lastRetryAfter = retryAfter < 0 ? null : response.getHeaderValue(retryAfter);
      boolean budgetSpent = exchange.requests >= exchange.maxRequests;
      return budgetSpent && response.getStatusCode() == 503
          ? new NoRetry(response, retryAfter < 0) : response;
    }
  }

  private static int retryAfterIndex(LowLevelHttpResponse r) throws IOException {
    for (int i = 0; i < r.getHeaderCount(); i++) {
      if (RETRY_AFTER.equalsIgnoreCase(r.getHeaderName(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The same response, but every Retry-After (one is added when there is none) says a wait that
   * the SDK will not honour. The other getters only delegate: LowLevelHttpResponse is abstract.
   */
  private static final class NoRetry extends LowLevelHttpResponse {
    private final LowLevelHttpResponse real;
    private final boolean addRetryAfter;

    NoRetry(LowLevelHttpResponse real, boolean addRetryAfter) {
      this.real = real;
      this.addRetryAfter = addRetryAfter;
    }

    @Override
    public @Nullable InputStream getContent() throws IOException {
      return real.getContent();
    }

    @Override
    public @Nullable String getContentEncoding() throws IOException {
      return real.getContentEncoding();
    }

    @Override
    public long getContentLength() throws IOException {
      return real.getContentLength();
    }

    @Override
    public @Nullable String getContentType() throws IOException {
      return real.getContentType();
    }

    @Override
    public @Nullable String getStatusLine() throws IOException {
      return real.getStatusLine();
    }

    @Override
    public int getStatusCode() throws IOException {
      return real.getStatusCode();
    }

    @Override
    public @Nullable String getReasonPhrase() throws IOException {
      return real.getReasonPhrase();
    }

    @Override
    public int getHeaderCount() throws IOException {
      return real.getHeaderCount() + (addRetryAfter ? 1 : 0);
    }

    @Override
    public String getHeaderName(int index) throws IOException {
      return index == real.getHeaderCount() ? RETRY_AFTER : real.getHeaderName(index);
    }

    @Override
    public String getHeaderValue(int index) throws IOException {
      return RETRY_AFTER.equalsIgnoreCase(getHeaderName(index)) ? NO_SDK_RETRY
          : real.getHeaderValue(index);
    }

    @Override
    public void disconnect() throws IOException {
      real.disconnect();
    }
  }
}
