package dev.notify.sms;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A host application's web endpoint for Twilio's status callbacks, as a test stands one up: it
 * parses the form and hands it, the URL it decides Twilio signed, and the signature header to
 * {@link TwilioStatusCallbacks}.
 */
final class CallbackEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private volatile TwilioStatusCallbacks callbacks;

  /** Starts an endpoint that checks the URL it was called at, {@link #origin()} and the path. */
  CallbackEndpoint() throws IOException {
    this(null);
  }

  /**
   * Starts the endpoint.
   *
   * @param urlOf the URL to check, from the request's path and query as the server saw them, or
   *     {@code null} for {@link #origin()} and them
   */
  CallbackEndpoint(@Nullable Function<String, String> urlOf) throws IOException {
    Function<String, String> url = urlOf != null ? urlOf : p -> origin() + p;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
        TwilioStatusCallbacks.Result r = callbacks.handle(
            url.apply(exchange.getRequestURI().toString()), form,
            exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
        exchange.sendResponseHeaders(r.httpStatus(), -1);
      }
    });
    server.start();
  }

  /** Hands requests to this handler from now on. */
  void use(TwilioStatusCallbacks handler) {
    this.callbacks = handler;
  }

  /** {@return {@code http://127.0.0.1:<port>}} */
  String origin() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
        + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
