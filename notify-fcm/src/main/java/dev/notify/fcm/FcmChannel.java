package dev.notify.fcm;

import static java.util.Objects.requireNonNull;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.notify.ChannelType;
import dev.notify.fcm.internal.FcmSender;
import dev.notify.fcm.internal.FcmSettings;
import dev.notify.fcm.internal.Violation;
import dev.notify.policy.RateLimit;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sends push notifications through Firebase Cloud Messaging (HTTP v1) with the Firebase Admin
 * SDK: Android, web push, and iOS through FCM. One delivery is one message to one registration
 * token.
 *
 * <pre>{@code
 * FcmChannel fcm = FcmChannel.builder()
 *     .credentials(Path.of("/etc/notify/firebase-service-account.json"))  // project id inside
 *     .build();
 * NotificationClient client = NotificationClient.builder()
 *     .channel(fcm)
 *     .lane("fcm", LaneOptions.ofDefaults().withThreads(16).withMaxInFlight(16))
 *     .build();                        // the lane is paced to FCM's 600,000 a minute per project
 * }</pre>
 *
 * <p>One instance per Firebase project; thread-safe. The channel makes its own <em>named</em>
 * {@code FirebaseApp} with its own {@code ThreadManager}, never the default app the host may
 * own, and never firebase-admin's global thread pool. firebase-admin's HTTP calls block, so this
 * is a {@link BlockingChannel}: the engine runs {@link #sendBlocking} on the lane's bounded
 * blocking pool (one thread per send in flight); {@code sendAsync} and {@code sendEach}, which
 * would use the SDK's threads, are not used. The module's README has the classification.
 * {@link #close()} deletes the app it made.
 */
public final class FcmChannel implements BlockingChannel, AutoCloseable {
  /**
   * FCM's quota per project, 600,000 messages a minute: the default pace of the channel's lane
   * ({@link Builder#throughput(RateLimit)}). Several channels or instances on one project share
   * it: give each its share, or pace them with
   * {@code NotificationClient.builder().throughput(name, limit)} on a shared rate-limit store.
   */
  public static final RateLimit PROJECT_QUOTA = RateLimit.perMinute(600_000);

  private final String name;
  private final FcmSender sender;
  private final @Nullable RateLimit throughput;

  private FcmChannel(String name, FcmSender sender, @Nullable RateLimit throughput) {
    this.name = name;
    this.sender = sender;
    this.throughput = throughput;
  }

  /** {@return a builder; credentials are required} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  /** @return {@link ChannelType#FCM} */
  @Override
  public ChannelType type() {
    return ChannelType.FCM;
  }

  /**
   * Checks, without I/O: the token's shape (32 to 4,096 letters, digits, {@code -}, {@code _},
   * {@code :}), a title, body or data, no blank texts or unpaired surrogates, no data key FCM
   * reserves, the options (header names and values, an https web link, URLs), and the payload
   * against FCM's 4,096 bytes.
   *
   * @throws dev.notify.InvalidNotificationException naming {@code address}, {@code content},
   *     {@code content.title}, {@code content.body}, {@code content.data},
   *     {@code options.*} or {@code message} (the size)
   */
  @Override
  public void validate(OutboundMessage message) {
    requireNonNull(message, "message");
    Violation violation = sender.check(message);
    if (violation != null) {
      throw violation.toException();
    }
  }

  /**
   * Sends one delivery, blocking until FCM answers. The provider message id of a sent result is
   * FCM's message name ({@code projects/<id>/messages/<n>}).
   */
  @Override
  public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) {
    requireNonNull(delivery, "delivery");
    requireNonNull(context, "context");
    return sender.send(delivery, context.clock().instant());
  }

  /**
   * {@return the pace of this channel's lane: {@link #PROJECT_QUOTA} unless the builder set
   * another, or none after {@code throughput(null)}}; the client builder's
   * {@code throughput(name, limit)} overrides it
   */
  @Override
  public Optional<RateLimit> throughput() {
    return Optional.ofNullable(throughput);
  }

  /** {@return the name of the Firebase app this channel made} */
  public String firebaseAppName() {
    return sender.appName();
  }

  /** Deletes the channel's Firebase app. Idempotent. */
  @Override
  public void close() {
    sender.close();
  }

  /** Shows the project, the app and the settings; never the credentials. */
  @Override
  public String toString() {
    return "FcmChannel[" + sender + "]";
  }

  /** Configures an {@link FcmChannel}. Required: credentials. Not thread-safe. */
  public static final class Builder {
    private String name = "fcm";
    private @Nullable GoogleCredentials credentials;
    private @Nullable String projectId;
    private @Nullable HttpTransport transport;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private @Nullable Duration writeTimeout;
    private int sdkRetries;
    private @Nullable RateLimit throughput = PROJECT_QUOTA;

    private Builder() {
    }

    /**
     * Names the channel.
     *
     * @param name the channel's unique name; default {@code "fcm"}
     * @return this builder
     */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Reads a service account's JSON key file (its project id is used unless
     * {@link #projectId(String)} is set).
     *
     * @param serviceAccountJson the file
     * @return this builder
     * @throws UncheckedIOException if it cannot be read or is not a credentials file; the path's
     *     file name is shown masked
     */
    public Builder credentials(Path serviceAccountJson) {
      requireNonNull(serviceAccountJson, "serviceAccountJson");
      try (InputStream in = Files.newInputStream(serviceAccountJson)) {
        return credentials(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read FCM credentials from "
            + Redaction.maskFileName(serviceAccountJson), e);
      }
    }

    /**
     * Reads a service account's JSON key (or any credentials JSON Google's auth library reads).
     *
     * @param serviceAccountJson the JSON; not closed
     * @return this builder
     * @throws UncheckedIOException if it is not credentials JSON
     */
    public Builder credentials(InputStream serviceAccountJson) {
      requireNonNull(serviceAccountJson, "serviceAccountJson");
      try {
        return credentials(GoogleCredentials.fromStream(serviceAccountJson));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read FCM credentials: " + e.getMessage(), e);
      }
    }

    /**
     * Uses these credentials, e.g. {@code GoogleCredentials.getApplicationDefault()}.
     *
     * @param credentials the credentials; the messaging scope is added when they need scopes
     * @return this builder
     */
    public Builder credentials(GoogleCredentials credentials) {
      requireNonNull(credentials, "credentials");
      this.credentials = credentials.createScopedRequired() ? credentials.createScoped(List.of(
          "https://www.googleapis.com/auth/firebase.messaging")) : credentials;
      return this;
    }

    /**
     * Sets the Firebase project id.
     *
     * @param projectId the project; default: the service account's
     * @return this builder
     */
    public Builder projectId(String projectId) {
      requireNonNull(projectId, "projectId");
      if (!projectId.matches("[a-z0-9][a-z0-9.:-]{0,99}")) {
        throw new IllegalArgumentException("projectId must be a Google Cloud project id"
            + " (lower-case letters, digits, '-', '.', ':'), was '" + projectId + "'");
      }
      this.projectId = projectId;
      return this;
    }

    /**
     * Sets the HTTP transport.
     *
     * @param transport the transport firebase-admin sends with; default firebase-admin's own
     *     (Apache HttpClient 5 over HTTP/2). For a proxy, or a local peer in tests
     *     ({@code dev.notify.fcm.testing.FcmPeerConnection})
     * @return this builder
     */
    public Builder httpTransport(HttpTransport transport) {
      this.transport = requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout how long connecting may take; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout.
     *
     * @param timeout how long to wait for FCM's answer; default 30 s. Keep
     *     {@code (1 + sdkRetries) × readTimeout} plus the SDK's sleeps below the lane's attempt
     *     deadline.
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the write timeout.
     *
     * @param timeout how long sending the request may take; default none (the read timeout
     *     bounds the exchange). Beware: with google-http-client's {@code NetHttpTransport} a
     *     write timeout starts a new thread for every request, which more than halved the
     *     throughput here; firebase-admin's default Apache transport has no such cost
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /**
     * Sets how many of firebase-admin's own 503 retries one attempt may make.
     *
     * @param retries 0 to 4; default 0: a 503 comes back at once as retryable, and the client's
     *     retry policy waits (honouring Retry-After) on its scheduler instead of a blocking
     *     thread asleep in the SDK. With {@code n > 0} the SDK sleeps up to
     *     0.75 + 1.5 + 3 + 6 s (jittered backoff) or each Retry-After up to 60 s between them,
     *     and the reason of the result counts the requests made.
     * @return this builder
     */
    public Builder sdkRetries(int retries) {
      if (retries < 0 || retries > 4) {
        throw new IllegalArgumentException("sdkRetries must be 0 to 4 (firebase-admin retries"
            + " a 503 at most 4 times): " + retries);
      }
      this.sdkRetries = retries;
      return this;
    }

    /**
     * Paces the channel's lane, so that FCM does not answer {@code QUOTA_EXCEEDED} (which pauses
     * the lane for at least a minute).
     *
     * @param limit the most messages this channel sends, e.g. a share of the project's quota when
     *     several instances send for one project; {@code null} for no pacing. Default
     *     {@link #PROJECT_QUOTA}
     * @return this builder
     */
    public Builder throughput(@Nullable RateLimit limit) {
      this.throughput = limit;
      return this;
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(what + " must be positive and below 24 days: " + d);
      }
      return d;
    }

    /**
     * {@return the channel, with its own Firebase app}
     *
     * @throws IllegalStateException if credentials are missing, or no project id is known
     */
    public FcmChannel build() {
      if (credentials == null) {
        throw new IllegalStateException("FCM needs credentials: credentials(Path) for a service"
            + " account JSON file, credentials(InputStream), or credentials(GoogleCredentials)");
      }
      String project = projectId;
      if (project == null && credentials instanceof ServiceAccountCredentials sa) {
        project = sa.getProjectId();
      }
      if (project == null) {
        throw new IllegalStateException("FCM needs a project id: set projectId(...), or give a"
            + " service account's credentials, which name it");
      }
      FcmSettings settings = new FcmSettings(name, project, credentials, transport,
          connectTimeout, readTimeout, writeTimeout, sdkRetries);
      return new FcmChannel(name, new FcmSender(settings), throughput);
    }
  }
}
