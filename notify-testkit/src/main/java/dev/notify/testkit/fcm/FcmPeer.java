package dev.notify.testkit.fcm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.notify.Recipient;
import dev.notify.testkit.HttpProviderPeer;
import dev.notify.testkit.KitPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local FCM HTTP v1 endpoint: {@code POST /v1/projects/{id}/messages:send} on loopback, over
 * plain HTTP/1.1 (the JDK's server), answered per registration token as scripted
 * ({@link FcmAnswer}), with each request recorded and its JSON parsed
 * ({@link ReceivedFcmRequest}). A {@link dev.notify.testkit.ProviderPeer}: scripts, records,
 * waits, stop and restart work as there.
 *
 * <pre>{@code
 * try (FcmPeer peer = FcmPeer.start()) {
 *   peer.respond(token, FcmAnswer.error("UNAVAILABLE").withRetryAfter(Duration.ofSeconds(5)),
 *       FcmAnswer.accept());                               // fails once, then accepts
 *   // point firebase-admin at peer.baseUri() (notify-fcm's FcmPeerConnection does)
 *   ReceivedFcmRequest r = peer.awaitReceived(2, Duration.ofSeconds(10)).get(1);
 *   assertThat(r.at("android.priority")).isEqualTo("high");
 * }
 * }</pre>
 *
 * <p>What it checks, as FCM does: the path and method (404 otherwise), a JSON body with a
 * {@code message} that names exactly one of {@code token}, {@code topic} or {@code condition}
 * (400 otherwise), and an {@code Authorization: Bearer} header (401 UNAUTHENTICATED without).
 * A successful answer carries {@code projects/<id>/messages/<n>}, {@code n} counting up from 1.
 * Errors look like FCM's:
 * {@code {"error":{"code":404,"message":"…","status":"NOT_FOUND","details":[{"@type":
 * "type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}}.
 *
 * <p>FCM itself speaks HTTP/2 over TLS; this peer speaks HTTP/1.1 in the clear, so a client must
 * be given a transport that rewrites FCM's URL to {@link #baseUri()}. Thread-safe; the peer
 * answers on {@code threads} daemon threads (default 16; a scripted latency holds one).
 */
public final class FcmPeer extends HttpProviderPeer<FcmAnswer, ReceivedFcmRequest> {
  private static final Pattern PATH = Pattern.compile("/v1/projects/([^/]+)/messages:send");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicLong names = new AtomicLong();

  private FcmPeer(int port, boolean record, int threads) {
    super(FcmAnswer.accept(), port, record, threads);
  }

  /** {@return a running peer on a free port, recording, with 16 threads} */
  public static FcmPeer start() {
    return start(0, true, 16);
  }

  /**
   * {@return a running peer}
   *
   * @param port the port, 0 for a free one
   * @param record whether to keep every request (off for load tests; counting goes on)
   * @param threads how many requests are answered at once
   */
  public static FcmPeer start(int port, boolean record, int threads) {
    FcmPeer peer = new FcmPeer(port, record, threads);
    try {
      peer.startListening();
      return peer;
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    byte[] raw = readBody(exchange);
    Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
    if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
      reply(exchange, 404, "application/json", errorBody(404, "NOT_FOUND",
          "no such method: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
              .getPath(), null, false));
      return;
    }
    String project = path.group(1);
    Map<String, Object> body;
    try {
      body = parse(raw);
    } catch (JsonProcessingException e) {
      reply(exchange, 400, "application/json",
          errorBody(400, "INVALID_ARGUMENT", "invalid JSON payload", null, false));
      return;
    }
    String target = target(body);
    if (target == null) {
      reply(exchange, 400, "application/json", errorBody(400, "INVALID_ARGUMENT",
          "the message needs exactly one of token, topic, condition", "INVALID_ARGUMENT",
          false));
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    FcmAnswer answer = authorization == null || !authorization.startsWith("Bearer ")
        ? FcmAnswer.error(401, "UNAUTHENTICATED", null) : nextAnswer(target);
    if (!answer.latency().isZero()) {
      try {
        TimeUnit.NANOSECONDS.sleep(answer.latency().toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while delaying the answer", e);
      }
    }
    String name = answer.accepted()
        ? "projects/" + project + "/messages/" + names.incrementAndGet() : null;
    received(() -> new ReceivedFcmRequest(project, target, body, authorization, answer, name));
    switch (answer.kind()) {
      case DROP -> throw new IOException("scripted: connection dropped without an answer");
      case ACCEPT -> reply(exchange, 200, "application/json; charset=UTF-8",
          JSON.writeValueAsBytes(Map.of("name", name)));
      case ERROR -> {
        if (answer.retryAfter() != null) {
          exchange.getResponseHeaders().set("Retry-After",
              Long.toString(answer.retryAfter().toSeconds()));
        }
        byte[] out = answer.rawBody() != null
            ? answer.rawBody().getBytes(StandardCharsets.UTF_8)
            : errorBody(answer.status(), answer.canonical() == null ? "UNKNOWN"
                : answer.canonical(), "scripted " + answer, answer.errorCode(),
                answer.tokenViolation());
        reply(exchange, answer.status(), "application/json; charset=UTF-8", out);
      }
      default -> throw new IllegalStateException("unknown kind " + answer.kind());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] raw) throws JsonProcessingException {
    Object parsed = JSON.readValue(new String(raw, StandardCharsets.UTF_8), Object.class);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new JsonProcessingException("not a JSON object") { };
    }
    return (Map<String, Object>) map;
  }

  private static @Nullable String target(Map<String, Object> body) {
    if (!(body.get("message") instanceof Map<?, ?> message)) {
      return null;
    }
    List<String> targets = new ArrayList<>();
    for (String key : List.of("token", "topic", "condition")) {
      if (message.get(key) instanceof String s) {
        targets.add(key.equals("token") ? s : key + ":" + s);
      }
    }
    return targets.size() == 1 ? targets.get(0) : null;
  }

  private static byte[] errorBody(int code, String status, String message,
      @Nullable String errorCode, boolean tokenViolation) throws JsonProcessingException {
    List<Object> details = new ArrayList<>();
    if (errorCode != null) {
      details.add(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError",
          "errorCode", errorCode));
    }
    if (tokenViolation) {
      details.add(Map.of("@type", "type.googleapis.com/google.rpc.BadRequest",
          "fieldViolations", List.of(Map.of("field", "message.token",
              "description", "Invalid registration token"))));
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    return JSON.writeValueAsBytes(Map.of("error", error));
  }

  /**
   * The compatibility kit on FCM's own answers: permanent {@code INVALID_ARGUMENT} (400, not
   * naming the token); transient {@code UNAVAILABLE} (503), then accept; address invalid
   * {@code UNREGISTERED} (404, FCM gives no time); unavailable: every request answered
   * {@code THIRD_PARTY_AUTH_ERROR} (401), a configuration error; too large: a body past FCM's
   * 4,096 bytes; addresses: token-shaped strings of 152 characters.
   */
  @Override
  protected KitPeer kit() {
    return KitPeer.scripting(this)
        .addresses(i -> Recipient.fcmToken(token(i)))
        .content(n -> n.title("Hello").body("A compatibility kit message"))
        .oversizedContent(n -> n.title("Hello").body("x".repeat(5_000)))
        .accept(FcmAnswer.accept())
        .permanentRejection(FcmAnswer.error("INVALID_ARGUMENT"))
        .transientFailure(FcmAnswer.error("UNAVAILABLE"))
        .addressInvalid(FcmAnswer.error("UNREGISTERED"))
        .channelUnavailable(FcmAnswer.error("THIRD_PARTY_AUTH_ERROR"))
        .build();
  }

  /**
   * {@return a registration-token-shaped value for {@code i}, distinct for each: 152 characters
   * of {@code [A-Za-z0-9_:-]}, the shape of real FCM tokens}
   *
   * @param i any non-negative number
   */
  public static String token(int i) {
    String head = String.format(Locale.ROOT, "peer%07d:APA91b", i);
    StringBuilder b = new StringBuilder(head);
    long x = 0x9E3779B97F4A7C15L * (i + 1L);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    while (b.length() < 152) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b.append(alphabet.charAt((int) (x >>> 58)));
    }
    return b.toString();
  }

  /** Also restarts the message name counter. */
  @Override
  public void reset() {
    names.set(0);
    super.reset();
  }

  @Override
  protected String name() {
    return "the FCM peer";
  }

  @Override
  public String toString() {
    return "FcmPeer[" + (isRunning() ? baseUri() : "stopped") + "]";
  }
}
