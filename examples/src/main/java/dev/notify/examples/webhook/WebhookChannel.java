package dev.notify.examples.webhook;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A custom channel written on the Channel SPI, as an application would write one: it POSTs each
 * delivery as JSON to {@code <baseUri>/hooks/<endpoint>}, where the endpoint is the address of a
 * {@code webhook} recipient ({@code Recipient.address(WebhookChannel.TYPE, "ops-room")}).
 *
 * <p>The receiver answers {@code 2xx} with {@code {"id": "..."}} (the provider message id),
 * {@code 410} when the endpoint is gone, {@code 429} or {@code 503} with {@code Retry-After} when
 * it wants the sender to slow down, {@code 401}/{@code 403} when the channel's credentials are
 * wrong. Every request carries the delivery id as {@code Idempotency-Key}, so a receiver can
 * recognise a retried delivery.
 *
 * <pre>{@code
 * WebhookChannel chat = WebhookChannel.builder()
 *     .name("chat")
 *     .baseUri(URI.create("https://hooks.example.com"))
 *     .build();
 * NotificationClient client = NotificationClient.builder().channel(chat).build();
 * client.send(Notification.builder().to(Recipient.address(WebhookChannel.TYPE, "ops-room"))
 *     .title("Deploy finished").body("v42 is live").build());
 * }</pre>
 */
public final class WebhookChannel implements Channel {
  /** The channel type of web-hook addresses. */
  public static final ChannelType TYPE = ChannelType.of("webhook");

  private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI baseUri;
  private final @Nullable String bearerToken;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxBodyBytes;
  private volatile @Nullable HttpClient http;

  private WebhookChannel(Builder b, URI baseUri) {
    this.name = b.name;
    this.baseUri = baseUri;
    this.bearerToken = b.bearerToken;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /** @return a builder; {@link Builder#baseUri(URI)} is required */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChannelType type() {
    return TYPE;
  }

  /** Checks the endpoint's syntax, that there is something to say, and the body's size. */
  @Override
  public void validate(OutboundMessage message) {
    String endpoint = message.address().value();
    if (!ENDPOINT.matcher(endpoint).matches()) {
      throw new InvalidNotificationException("address",
          "a web-hook endpoint is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Content content = message.content();
    if (content.title() == null && content.body() == null) {
      throw new InvalidNotificationException("content", "a web-hook message needs a title or a body");
    }
    int size = body(message, "validation").length;
    if (size > maxBodyBytes) {
      throw new InvalidNotificationException("content",
          "the web-hook body is " + size + " bytes; at most " + maxBodyBytes + " are allowed");
    }
  }

  /** Takes the lane's executor for the HTTP client's work, so no thread pool of its own runs. */
  @Override
  public void start(ChannelContext context) {
    http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .executor(context.executor())
        .build();
  }

  @Override
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    HttpClient client = http;
    if (client == null) {
      return CompletableFuture.completedFuture(
          DeliveryResult.channelUnavailable("the channel was not started", null));
    }
    OutboundMessage message = delivery.message();
    HttpRequest.Builder request = HttpRequest.newBuilder(
            baseUri.resolve("hooks/" + message.address().value()))
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", delivery.id())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(message, delivery.id())));
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> failure == null
            ? WebhookResponses.classify(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After"))
            : classifyFailure(failure));
  }

  private static DeliveryResult classifyFailure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof ConnectException) {
      // Nobody listens: the receiver is down. Pause the lane instead of burning attempts.
      return DeliveryResult.channelUnavailable("connection refused", null);
    }
    if (cause instanceof HttpTimeoutException) {
      return DeliveryResult.retryable("no answer within the request timeout");
    }
    if (cause instanceof IOException) {
      return DeliveryResult.retryable("I/O error: " + cause.getClass().getSimpleName());
    }
    return DeliveryResult.retryable(cause.getClass().getSimpleName());
  }

  private static byte[] body(OutboundMessage message, String deliveryId) {
    Content content = message.content();
    ObjectNode json = JSON.createObjectNode()
        .put("deliveryId", deliveryId)
        .put("notificationId", message.notificationId())
        .put("priority", message.priority().name());
    putIfPresent(json, "category", message.category());
    putIfPresent(json, "title", content.title());
    putIfPresent(json, "body", content.body());
    if (!content.data().isEmpty()) {
      ObjectNode data = json.putObject("data");
      content.data().forEach(data::put);
    }
    message.options(WebhookOptions.class).ifPresent(o -> putIfPresent(json, "event", o.event()));
    try {
      return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  private static void putIfPresent(ObjectNode json, String field, @Nullable String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  /** Nothing to release: the HTTP client's work runs on the lane's executor. */
  @Override
  public void close() {
    http = null;
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + name + ", " + baseUri + "]";
  }

  /** The provider's answers as {@link DeliveryResult}s: the heart of any channel. */
  static final class WebhookResponses {
    private WebhookResponses() {
    }

    static DeliveryResult classify(int status, @Nullable String body,
        Optional<String> retryAfter) {
      if (status >= 200 && status < 300) {
        return DeliveryResult.sent(messageId(body));
      }
      String reason = "HTTP " + status;
      return switch (status) {
        case 410 -> DeliveryResult.addressInvalid(reason + " endpoint gone", null);
        case 401, 403 -> DeliveryResult.configurationError(reason + " credentials refused");
        case 429 -> DeliveryResult.retryable(reason + " slow down", seconds(retryAfter));
        case 503 -> DeliveryResult.channelUnavailable(reason + " receiver unavailable",
            seconds(retryAfter));
        default -> status >= 500
            ? DeliveryResult.retryable(reason)
            : DeliveryResult.permanent(reason);
      };
    }

    private static @Nullable String messageId(@Nullable String body) {
      try {
        JsonNode id = JSON.readTree(body == null || body.isBlank() ? "{}" : body).get("id");
        return id != null && id.isTextual() ? id.asText() : null;
      } catch (JsonProcessingException e) {
        return null;
      }
    }

    private static @Nullable Duration seconds(Optional<String> retryAfter) {
      try {
        return retryAfter.map(v -> Duration.ofSeconds(Long.parseLong(v.trim()))).orElse(null);
      } catch (NumberFormatException e) {
        return null; // an HTTP date: let the retry policy choose
      }
    }
  }

  /** Configures a {@link WebhookChannel}. Not thread-safe. */
  public static final class Builder {
    private String name = "webhook";
    private @Nullable URI baseUri;
    private @Nullable String bearerToken;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxBodyBytes = 16_384;

    private Builder() {
    }

    /** @param name the channel's name; default {@code webhook} */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** @param baseUri where the receiver listens, e.g. {@code https://hooks.example.com/}; required */
    public Builder baseUri(URI baseUri) {
      requireNonNull(baseUri, "baseUri");
      if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
        throw new IllegalArgumentException("baseUri must be http or https: " + baseUri);
      }
      String text = baseUri.toString();
      this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
      return this;
    }

    /** @param token sent as {@code Authorization: Bearer <token>}; default none */
    public Builder bearerToken(String token) {
      this.bearerToken = requireNonNull(token, "token");
      return this;
    }

    /** @param timeout how long to wait for a connection; default 5 s */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** @param timeout how long to wait for an answer; default 10 s */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** @param bytes the largest JSON body; default 16,384 */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** @return the channel */
    public WebhookChannel build() {
      URI base = baseUri;
      if (base == null) {
        throw new IllegalStateException("baseUri is required: call baseUri(URI.create(\"https://...\"))");
      }
      return new WebhookChannel(this, base);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
