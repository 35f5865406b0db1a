package dev.notify.examples.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.notify.Recipient;
import dev.notify.testkit.HttpProviderPeer;
import dev.notify.testkit.KitPeer;
import dev.notify.testkit.ReceivedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The receiving end of {@link WebhookChannel} on loopback, for the demo and for tests: a provider
 * peer, as every channel has one, built on the testkit's {@link HttpProviderPeer} (the JDK's HTTP
 * server on a free port). It answers each endpoint as scripted, keeps what it received, stops and
 * restarts on the same port, and tells the channel compatibility kit how to play its scenarios
 * ({@link #kit()}). A custom channel's author writes the same three parts for their provider: the
 * answer type, the record type and {@link #handle(HttpExchange)}.
 *
 * <pre>{@code
 * try (LocalWebhookServer server = LocalWebhookServer.start()) {
 *   server.respond("ops-room", Answer.status(500), Answer.accept()); // fails once, then accepts
 *   WebhookChannel channel = WebhookChannel.builder().baseUri(server.baseUri()).build();
 *   ...
 *   server.awaitReceived(2, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Start the JVM with {@code -Dsun.net.httpserver.nodelay=true}, or the JDK server answers
 * after delayed-ACK stalls of 40 ms. Thread-safe.
 */
public final class LocalWebhookServer
    extends HttpProviderPeer<LocalWebhookServer.Answer, LocalWebhookServer.Received> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/hooks/";

  private final AtomicLong ids = new AtomicLong();

  private LocalWebhookServer() {
    super(Answer.accept(), 0, true, 2);
  }

  /** @return a running server on a free loopback port */
  public static LocalWebhookServer start() {
    LocalWebhookServer server = new LocalWebhookServer();
    try {
      server.startListening();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Answers {@code POST /hooks/<endpoint>} as the endpoint's script says: a 2xx with a fresh
   * message id, or the scripted error status with an optional {@code Retry-After}.
   */
  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(PREFIX)) {
      reply(exchange, 404, "application/json", "{\"error\":404}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String endpoint = path.substring(PREFIX.length());
    JsonNode body = JSON.readTree(readBody(exchange));
    Answer answer = nextAnswer(endpoint);
    String messageId = answer.status() / 100 == 2 ? "wh-" + ids.incrementAndGet() : null;
    received(() -> new Received(endpoint,
        exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, answer.status(),
        messageId));
    if (answer.retryAfterSeconds() >= 0) {
      exchange.getResponseHeaders().add("Retry-After", Long.toString(answer.retryAfterSeconds()));
    }
    String reply = messageId != null ? "{\"id\":\"" + messageId + "\"}"
        : "{\"error\":" + answer.status() + "}";
    reply(exchange, answer.status(), "application/json", reply.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The compatibility kit in web-hook answers: 422 is a permanent rejection, 500 then accept a
   * transient failure, 410 Gone an invalid address (without a time), and 503 on every endpoint
   * an unavailable channel. The kit sends to endpoints {@code room-0} to {@code room-999}. The
   * size limit is the channel's, not the receiver's, so the kit's subclass sets the oversized
   * content.
   */
  @Override
  protected KitPeer kit() {
    return KitPeer.scripting(this)
        .addresses(i -> Recipient.address(WebhookChannel.TYPE, "room-" + i))
        .content(n -> n.title("Hello").body("A compatibility kit message"))
        .accept(Answer.accept())
        .permanentRejection(Answer.status(422))
        .transientFailure(Answer.status(500))
        .addressInvalid(Answer.status(410))
        .channelUnavailable(Answer.status(503))
        .build();
  }

  @Override
  protected String name() {
    return "the web-hook server";
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
  public record Received(String endpoint, @Nullable String idempotencyKey, JsonNode body,
      int status, @Nullable String messageId) implements ReceivedMessage {
    /** @return the endpoint */
    @Override
    public String address() {
      return endpoint;
    }

    /** @return true if it was answered with a 2xx */
    @Override
    public boolean accepted() {
      return status / 100 == 2;
    }
  }
}
