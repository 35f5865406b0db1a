package dev.notify.examples.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of {@link WebhookChannel} on loopback, for the demo and for tests: the JDK's
 * HTTP server on a free port, answering each endpoint as scripted and keeping what it received.
 *
 * <pre>{@code
 * try (LocalWebhookServer server = LocalWebhookServer.start()) {
 *   server.respond("ops-room", Answer.status(500), Answer.accept()); // fails once, then accepts
 *   WebhookChannel channel = WebhookChannel.builder().baseUri(server.baseUri()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Start the JVM with {@code -Dsun.net.httpserver.nodelay=true}, or the JDK server answers
 * after delayed-ACK stalls of 40 ms. Thread-safe.
 */
public final class LocalWebhookServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/hooks/";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private volatile Answer fallback = Answer.accept();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger answered = new AtomicInteger();
  private final Object lock = new Object();
  private final List<Received> received = new ArrayList<>();

  private LocalWebhookServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "webhook-peer");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** @return a running server on a free loopback port */
  public static LocalWebhookServer start() {
    return new LocalWebhookServer();
  }

  /** @return {@code http://127.0.0.1:<port>/}, for {@link WebhookChannel.Builder#baseUri(URI)} */
  public URI baseUri() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + "/");
  }

  /**
   * Scripts one endpoint: each answer is used once, in order, and the last one for every later
   * request to it.
   */
  public void respond(String endpoint, Answer... answers) {
    requireNonNull(endpoint, "endpoint");
    if (answers.length == 0) {
      throw new IllegalArgumentException("give at least one answer");
    }
    scripts.put(endpoint, new ArrayDeque<>(Arrays.asList(answers)));
  }

  /** @param answer for endpoints without a script; initially {@link Answer#accept()} */
  public void respondByDefault(Answer answer) {
    fallback = requireNonNull(answer, "answer");
  }

  /** Forgets every script: every endpoint is accepted again. */
  public void resetScript() {
    scripts.clear();
    fallback = Answer.accept();
  }

  /** @return every request answered so far, oldest first */
  public List<Received> received() {
    synchronized (lock) {
      return List.copyOf(received);
    }
  }

  /**
   * Waits until {@code count} requests were answered.
   *
   * @return what was received
   * @throws AssertionError when fewer arrived within the timeout
   */
  public List<Received> awaitReceived(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (received.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the web-hook server answered " + received.size() + " of "
              + count + " requests within " + timeout);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for requests", e);
        }
      }
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String endpoint = path.substring(PREFIX.length());
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      Answer answer = next(endpoint);
      String messageId = null;
      byte[] reply;
      if (answer.status() / 100 == 2) {
        messageId = "wh-" + ids.incrementAndGet();
        reply = ("{\"id\":\"" + messageId + "\"}").getBytes(StandardCharsets.UTF_8);
      } else {
        reply = ("{\"error\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
      }
      if (answer.retryAfterSeconds() >= 0) {
        exchange.getResponseHeaders().add("Retry-After", Long.toString(answer.retryAfterSeconds()));
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      JsonNode json = JSON.readTree(bytes);
      record(new Received(endpoint, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
          json, answer.status(), messageId));
      exchange.sendResponseHeaders(answer.status(), reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  private Answer next(String endpoint) {
    Deque<Answer> script = scripts.get(endpoint);
    if (script == null) {
      return fallback;
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  private void record(Received r) {
    synchronized (lock) {
      received.add(r);
      answered.incrementAndGet();
      lock.notifyAll();
    }
  }

  /** Stops listening and ends the server's threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LocalWebhookServer[" + baseUri() + ", answered=" + answered.get() + "]";
  }

  /**
   * How the server answers one request.
   *
   * @param status the HTTP status
   * @param retryAfterSeconds the {@code Retry-After} header, or -1 for none
   */
  public record Answer(int status, long retryAfterSeconds) {
    /** @return 202 with a fresh message id */
    public static Answer accept() {
      return new Answer(202, -1);
    }

    /** @return that status without a body the channel can use */
    public static Answer status(int status) {
      return new Answer(status, -1);
    }

    /** @return that status with {@code Retry-After: seconds} */
    public static Answer status(int status, long retryAfterSeconds) {
      return new Answer(status, retryAfterSeconds);
    }
  }

  /**
   * One request the server answered.
   *
   * @param endpoint the endpoint, the recipient's address
   * @param idempotencyKey the delivery id the channel sent
   * @param body the JSON body
   * @param status the status answered
   * @param messageId the id answered with a 2xx, or {@code null}
   */
  public record Received(String endpoint, String idempotencyKey, JsonNode body, int status,
      String messageId) {
    /** @return true if it was answered with a 2xx */
    public boolean accepted() {
      return status / 100 == 2;
    }
  }
}
