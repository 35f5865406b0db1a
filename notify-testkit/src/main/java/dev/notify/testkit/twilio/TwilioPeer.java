package dev.notify.testkit.twilio;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import dev.notify.ChannelType;
import dev.notify.Recipient;
import dev.notify.testkit.HttpProviderPeer;
import dev.notify.testkit.KitPeer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local Twilio Messaging REST endpoint on loopback that the real twilio-java client talks to:
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with form parameters and basic
 * auth (the account SID with its auth token, or an API key SID with its secret), answered with
 * 201 and a Message JSON ({@code sid} {@code SM} + 32 hex digits, {@code status} queued) or
 * Twilio's error JSON ({@code {"code":21211,"message":…,"more_info":…,"status":400}}, with
 * {@code Retry-After} on 429). Scripted per {@code To} number ({@link TwilioAnswer}: any error
 * code, 429 with Retry-After, 5xx, latency, silence, a dropped connection); a number that
 * replied STOP ({@link #reply(String, String)}) gets 21610 as at Twilio. It records every request
 * ({@link ReceivedSms}, form fields parsed) and sends signed status callbacks back to the
 * {@code StatusCallback} URL of a message ({@link #statusCallback}).
 *
 * <pre>{@code
 * try (TwilioPeer peer = TwilioPeer.start()) {
 *   TwilioRestClient twilio = new TwilioRestClient.Builder(peer.accountSid(), peer.authToken())
 *       .httpClient(new NetworkHttpClient(HttpClientBuilder.create()
 *           .disableAutomaticRetries().setRoutePlanner(TwilioRoutes.to(peer))))
 *       .build();
 *   peer.respond("+33612000001", TwilioAnswer.error(400, 21211, "Invalid 'To' Phone Number"));
 *   ...
 *   ReceivedSms sms = peer.awaitReceived(1, Duration.ofSeconds(10)).get(0);
 *   peer.statusCallback(sms, "delivered", null);            // signed POST to its callback URL
 * }
 * }</pre>
 *
 * <p>Its {@link #kit()} plays the compatibility kit: accept 201; permanent 400 21408; transient
 * 429 20429 without Retry-After, then accept; address invalid 400 21211; unavailable 401 20003 for every number until restored; addresses
 * {@code +336120<5 digits>} (French mobiles). Thread-safe; requests are served on the peer's threads.
 */
public final class TwilioPeer extends HttpProviderPeer<TwilioAnswer, ReceivedSms> {
  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\\.json");
  private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
      "END", "QUIT", "REVOKE", "OPTOUT");
  private static final java.time.format.DateTimeFormatter RFC_2822 =
      java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(java.time.ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String accountSid;
  private final String authToken;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  /** API key SID to {secret, account SID}. */
  private final Map<String, String[]> apiKeys = new ConcurrentHashMap<>();
  private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
  private final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(1));
  private final HttpClient callbacks = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TwilioPeer(int threads, boolean recording) {
    super(TwilioAnswer.accept(), 0, recording, threads);
    this.accountSid = "AC" + hex(16);
    this.authToken = hex(16);
    tokens.put(accountSid, authToken);
  }

  /** {@return a running peer with one account and 8 request threads, recording requests} */
  public static TwilioPeer start() {
    return start(8, true);
  }

  /**
   * {@return a running peer with one account}
   *
   * @param threads how many requests it answers at once
   * @param recording whether it keeps every request (off for load tests; counted either way)
   */
  public static TwilioPeer start(int threads, boolean recording) {
    TwilioPeer peer = new TwilioPeer(threads, recording);
    try {
      peer.startListening();
      return peer;
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }

  /** {@return the SID of the account the peer was started with} */
  public String accountSid() {
    return accountSid;
  }

  /** {@return that account's auth token} */
  public String authToken() {
    return authToken;
  }

  /**
   * Adds another account, for tests with several tenants.
   *
   * @param sid an account SID, {@code AC} + 32 hex digits
   * @param token its auth token
   */
  public void addAccount(String sid, String token) {
    if (!sid.matches("AC[0-9a-f]{32}")) {
      throw new IllegalArgumentException("an account SID is AC and 32 hex digits: " + sid);
    }
    tokens.put(sid, requireNonNull(token, "token"));
  }

  /**
   * Adds an API key of an account, which authenticates as the key SID with its secret.
   *
   * @param keySid the key's SID, {@code SK} + 32 hex digits
   * @param secret its secret
   * @param account the account it belongs to, added before
   */
  public void addApiKey(String keySid, String secret, String account) {
    if (!keySid.matches("SK[0-9a-f]{32}")) {
      throw new IllegalArgumentException("an API key SID is SK and 32 hex digits: " + keySid);
    }
    if (!tokens.containsKey(account)) {
      throw new IllegalArgumentException("unknown account " + account);
    }
    apiKeys.put(keySid, new String[] {requireNonNull(secret, "secret"), account});
  }

  /**
   * An inbound message from {@code from}: a STOP word (STOP, UNSUBSCRIBE, CANCEL, END, QUIT, …)
   * opts the number out, as Twilio's default opt-out handling does, so that every later message
   * to it is refused with 21610; START or UNSTOP opts it in again.
   *
   * @param from the number that replied, E.164
   * @param body what it replied
   */
  public void reply(String from, String body) {
    String word = body.strip().toUpperCase(Locale.ROOT);
    if (STOP_WORDS.contains(word)) {
      optedOut.add(from);
    } else if (word.equals("START") || word.equals("UNSTOP")) {
      optedOut.remove(from);
    }
  }

  /** Lets every request held by {@link TwilioAnswer#silent()} end without an answer. */
  public void releaseHeld() {
    held.getAndSet(new CountDownLatch(1)).countDown();
  }

  /** Also forgets opt-outs and lets held requests go. */
  @Override
  public void reset() {
    optedOut.clear();
    releaseHeld();
    super.reset();
  }

  /**
   * Sends a message's status callback as Twilio does: a form POST to the message's
   * {@code StatusCallback} URL, signed for that URL with the account's auth token.
   *
   * @param sms an accepted message that had a {@code StatusCallback}
   * @param status {@code sent}, {@code delivered}, {@code undelivered} or {@code failed}
   * @param errorCode the error code of an undelivered or failed message (30003, 30005, …), or
   *     {@code null}
   * @return the HTTP status the receiver answered
   */
  public int statusCallback(ReceivedSms sms, String status, @Nullable Integer errorCode) {
    String url = callbackUrl(sms);
    return statusCallback(sms, status, errorCode, URI.create(url));
  }

  /**
   * Sends a message's status callback signed for its {@code StatusCallback} URL (the public URL
   * Twilio was given) but delivered to another address: what a host behind a proxy or load
   * balancer receives.
   *
   * @param sms an accepted message that had a {@code StatusCallback}
   * @param status the message status
   * @param errorCode the error code, or {@code null}
   * @param deliverTo where the request actually goes (the proxy's upstream)
   * @return the HTTP status the receiver answered
   */
  public int statusCallback(ReceivedSms sms, String status, @Nullable Integer errorCode,
      URI deliverTo) {
    Map<String, String> params = callbackParams(sms, status, errorCode);
    String token = tokens.get(sms.accountSid());
    return post(deliverTo, params, TwilioSignatures.sign(token, callbackUrl(sms), params));
  }

  /**
   * {@return the parameters of a status callback for the message, as Twilio sends them}
   *
   * @param sms an accepted message
   * @param status the message status
   * @param errorCode the error code, or {@code null}
   */
  public static Map<String, String> callbackParams(ReceivedSms sms, String status,
      @Nullable Integer errorCode) {
    Map<String, String> params = new LinkedHashMap<>();
    String sid = requireNonNull(sms.messageSid(), "the message was not accepted");
    params.put("MessageSid", sid);
    params.put("SmsSid", sid);
    params.put("AccountSid", sms.accountSid());
    params.put("To", sms.address());
    params.put("From", sms.form().getOrDefault("From", ""));
    params.put("MessageStatus", status);
    params.put("SmsStatus", status);
    params.put("ApiVersion", "2010-04-01");
    if (errorCode != null) {
      params.put("ErrorCode", errorCode.toString());
    }
    return params;
  }

  /**
   * POSTs a form with an {@code X-Twilio-Signature} header, e.g. a forged one.
   *
   * @param to where to send it
   * @param params the form
   * @param signature the header's value
   * @return the HTTP status the receiver answered
   */
  public int post(URI to, Map<String, String> params, String signature) {
    StringBuilder form = new StringBuilder();
    params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    try {
      return callbacks.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("the status callback to " + to + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling back " + to, e);
    }
  }

  private static String callbackUrl(ReceivedSms sms) {
    String url = sms.form().get("StatusCallback");
    if (url == null) {
      throw new IllegalArgumentException("the message had no StatusCallback: " + sms);
    }
    return url;
  }

  @Override
  protected void handle(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
    if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
      error(exchange, 404, 20404, "The requested resource was not found", null);
      return;
    }
    String account = path.group(1);
    String user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"), account);
    if (user == null) {
      error(exchange, 401, 20003, "Authenticate", null);
      return;
    }
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    String to = form.getOrDefault("To", "");
    TwilioAnswer answer = optedOut.contains(to)
        ? TwilioAnswer.error(400, 21610, "Attempt to send to unsubscribed recipient")
        : nextAnswer(to);
    pause(answer.latency());
    switch (answer.kind()) {
      case SILENT -> {
        received(() -> new ReceivedSms(account, user, form, answer, null));
        hold();
        throw new IOException("held without an answer");
      }
      case DROP -> {
        received(() -> new ReceivedSms(account, user, form, answer, null));
        throw new IOException("dropped as scripted");
      }
      case ERROR -> {
        received(() -> new ReceivedSms(account, user, form, answer, null));
        error(exchange, answer.status(), answer.code(), answer.message(), answer.retryAfter());
      }
      default -> {
        String sid = "SM" + hex(16);
        received(() -> new ReceivedSms(account, user, form, answer, sid));
        reply(exchange, 201, "application/json",
            message(account, sid, form).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private @Nullable String authenticate(@Nullable String header, String account) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    String secret = decoded.substring(colon + 1);
    if (user.equals(account) && secret.equals(tokens.get(account))) {
      return user;
    }
    String[] key = apiKeys.get(user);
    return key != null && key[0].equals(secret) && key[1].equals(account) ? user : null;
  }

  private void hold() {
    try {
      held.get().await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(Duration latency) {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis()); // the scripted latency is the point here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void error(HttpExchange exchange, int status, int code, String message,
      @Nullable Duration retryAfter) throws IOException {
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
    }
    String json = "{\"code\":" + code + ",\"message\":\"" + json(message)
        + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":"
        + status + "}";
    reply(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static String message(String account, String sid, Map<String, String> form) {
    String now = RFC_2822.format(java.time.Instant.now());
    String body = form.getOrDefault("Body", "");
    return "{\"account_sid\":\"" + account + "\",\"api_version\":\"2010-04-01\",\"body\":\""
        + json(body) + "\",\"date_created\":\"" + now + "\",\"date_sent\":null,"
        + "\"date_updated\":\"" + now + "\",\"direction\":\"outbound-api\",\"error_code\":null,"
        + "\"error_message\":null,\"from\":" + quoted(form.get("From"))
        + ",\"messaging_service_sid\":" + quoted(form.get("MessagingServiceSid"))
        + ",\"num_media\":\"0\",\"num_segments\":\"" + roughSegments(body)
        + "\",\"price\":null,\"price_unit\":\"USD\",\"sid\":\"" + sid
        + "\",\"status\":\"queued\",\"subresource_uris\":{\"media\":\"/2010-04-01/Accounts/"
        + account + "/Messages/" + sid + "/Media.json\"},\"to\":" + quoted(form.get("To"))
        + ",\"uri\":\"/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json\"}";
  }

  /** A rough count for the Message JSON (ASCII as GSM-7, else UCS-2); the channel counts exactly. */
  private static int roughSegments(String body) {
    boolean ascii = body.chars().allMatch(c -> c < 128);
    int units = body.length();
    int single = ascii ? 160 : 70;
    int multi = ascii ? 153 : 67;
    return units <= single ? 1 : (units + multi - 1) / multi;
  }

  private static String quoted(@Nullable String value) {
    return value == null ? "null" : "\"" + json(value) + "\"";
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
          StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
          StandardCharsets.UTF_8);
      form.merge(name, value, (a, b) -> a + "," + b);
    }
    return form;
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  protected KitPeer kit() {
    return KitPeer.scripting(this)
        .addresses(i -> Recipient.address(ChannelType.SMS,
            String.format(Locale.ROOT, "+336120%05d", i)))
        .content(n -> n.body("A compatibility kit message"))
        .accept(TwilioAnswer.accept())
        .permanentRejection(TwilioAnswer.error(400, 21408,
            "Permission to send an SMS has not been enabled for the region"))
        .transientFailure(TwilioAnswer.error(429, 20429, "Too Many Requests"))
        .addressInvalid(TwilioAnswer.error(400, 21211, "Invalid 'To' Phone Number"))
        .channelUnavailable(TwilioAnswer.error(401, 20003, "Authenticate"))
        .build();
  }

  /** Shows the port, the account SID and what was answered; never a token. */
  @Override
  public String toString() {
    return "TwilioPeer[port=" + (isRunning() ? Integer.toString(port()) : "stopped")
        + ", account=" + accountSid + ", answered=" + receivedCount() + "]";
  }
}
