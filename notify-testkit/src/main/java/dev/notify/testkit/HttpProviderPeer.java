package dev.notify.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ProviderPeer} that serves HTTP on loopback with the JDK's own server
 * ({@code com.sun.net.httpserver}): the base of the peers that speak a provider's REST wire format
 * (FCM v1, Twilio) and of a custom web-hook channel's peer. It listens, hands every request to
 * {@link #handle(HttpExchange)} on a small pool of daemon threads, and stops and restarts on the
 * same port; the subclass reads the request, asks {@link #nextAnswer(String)} for its answer,
 * writes the response with {@link #reply(HttpExchange, int, String, byte[])} and records it.
 *
 * <pre>{@code
 * final class LocalSmsPeer extends HttpProviderPeer<SmsAnswer, ReceivedSms> {
 *   static LocalSmsPeer start() {
 *     LocalSmsPeer peer = new LocalSmsPeer();
 *     peer.startListening();
 *     return peer;
 *   }
 *
 *   private LocalSmsPeer() {
 *     super(SmsAnswer.accept(), 0, true, 2);
 *   }
 *
 *   protected void handle(HttpExchange exchange) throws IOException {
 *     String to = form(readBody(exchange)).get("To");
 *     SmsAnswer answer = nextAnswer(to);
 *     received(() -> new ReceivedSms(to, answer.accepted()));
 *     reply(exchange, answer.status(), "application/json", answer.body());
 *   }
 *
 *   protected KitPeer kit() { ... }
 * }
 * }</pre>
 *
 * <p>Start the JVM with {@code -Dsun.net.httpserver.nodelay=true} (the build's Surefire
 * configuration does), or the JDK server answers after delayed-ACK stalls of 40 ms.
 *
 * @param <A> how the peer answers a request
 * @param <R> what it records of a request it answered
 */
public abstract class HttpProviderPeer<A, R extends ReceivedMessage> extends ProviderPeer<A, R> {
  private final ExecutorService executor;
  private volatile HttpServer server;

  /**
   * For subclasses.
   *
   * @param defaultAnswer the answer for addresses without a script (normally "accepted")
   * @param port the port to listen on; 0 for a free one, which then stays across restarts
   * @param recording whether to keep every answered request for {@link #received()}
   * @param threads how many requests are handled at once
   */
  protected HttpProviderPeer(A defaultAnswer, int port, boolean recording, int threads) {
    super(defaultAnswer, port, recording);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    String prefix = getClass().getSimpleName() + "-";
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Answers one request, on one of the peer's threads. An exception closes the connection
   * without an answer.
   *
   * @param exchange the request and its response
   * @throws IOException if reading or writing fails
   */
  protected abstract void handle(HttpExchange exchange) throws IOException;

  /** {@return {@code http://127.0.0.1:<port>/}, where a client sends its requests} */
  public final URI baseUri() {
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port()
        + "/");
  }

  /**
   * Listens on loopback.
   *
   * @param port the port, 0 for a free one
   * @return the port
   * @throws IOException if it cannot listen there
   */
  @Override
  protected final int bind(int port) throws IOException {
    HttpServer fresh = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    fresh.setExecutor(executor);
    fresh.createContext("/", exchange -> {
      try (exchange) {
        handle(exchange);
      }
    });
    fresh.start();
    server = fresh;
    return fresh.getAddress().getPort();
  }

  /** Stops listening and closes every connection at once. */
  @Override
  protected final void unbind() {
    HttpServer current = server;
    server = null;
    if (current != null) {
      current.stop(0);
    }
  }

  /** Ends the request threads. */
  @Override
  protected final void release() {
    executor.shutdownNow();
  }

  /**
   * {@return the request's body}
   *
   * @param exchange the request
   * @throws IOException if it cannot be read
   */
  protected static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  /**
   * Sends the response: status, {@code Content-Type} and body. Add other headers to
   * {@code exchange.getResponseHeaders()} first.
   *
   * @param exchange the request
   * @param status the HTTP status
   * @param contentType the body's media type
   * @param body the body, possibly empty
   * @throws IOException if it cannot be written
   */
  protected static void reply(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
