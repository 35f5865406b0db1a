package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import dev.notify.spi.DeliveryResult;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Classifies APNs answers and pushy's failures into {@link DeliveryResult}s. The table in the
 * module's README is this class in words; keep them together.
 */
public final class ResponseClassifier {
  private ResponseClassifier() {
  }

  /**
   * @param response pushy's response, accepted or rejected
   * @param request what was sent, for the topic's source
   * @param sentApnsId the apns-id we sent, used when the response has none
   * @return the classification
   */
  static DeliveryResult classify(PushNotificationResponse<?> response, ApnsRequest request,
      UUID sentApnsId) {
    if (response.isAccepted()) {
      UUID apnsId = response.getApnsId() != null ? response.getApnsId() : sentApnsId;
      return DeliveryResult.sent(apnsId.toString());
    }
    return classify(response.getStatusCode(), response.getRejectionReason().orElse(null),
        response.getTokenInvalidationTimestamp().orElse(null), request.topicSource());
  }

  /**
   * Classifies a rejection.
   *
   * @param status the HTTP status
   * @param reason APNs' reason, or {@code null} if the body had none
   * @param invalidatedAt the token's invalidation time (410 only), or {@code null}
   * @param topicSource where the rejected request's topic came from
   * @return the classification
   */
  public static DeliveryResult classify(int status, String reason, Instant invalidatedAt,
      TopicSource topicSource) {
    String text = (reason != null ? reason : "no reason") + " (HTTP " + status + ")";
    if (reason == null) {
      return status >= 500 || status == 429
          ? DeliveryResult.retryable(text) : DeliveryResult.permanent(text);
    }
    switch (reason) {
      // The token is no good for this app: tell the directory.
      case "BadDeviceToken":
      case "DeviceTokenNotForTopic":
        return DeliveryResult.addressInvalid(text, null);
      case "Unregistered":
      case "ExpiredToken":
        return DeliveryResult.addressInvalid(text, invalidatedAt);

      // This message can never be sent as it is; retrying sends the same bytes.
      case "PayloadTooLarge":
      case "PayloadEmpty":
      case "BadCollapseId":
      case "BadExpirationDate":
      case "BadMessageId":
      case "BadPriority":
      case "DuplicateHeaders":
      case "InvalidPushType":
      case "BadPushType":
      case "MissingDeviceToken":
        return DeliveryResult.permanent(text);

      case "BadTopic":
      case "TopicDisallowed":
        return topicSource == TopicSource.DEFAULT
            ? DeliveryResult.configurationError(text + ": the channel's topic is not allowed for"
                + " this key or certificate; fix ApnsChannel.Builder.topic")
            : DeliveryResult.permanent(text + ": this notification's topic is not allowed");

      // Every delivery would fail the same way until someone fixes the configuration.
      case "InvalidProviderToken":
      case "UnrelatedKeyIdInToken":
      case "BadEnvironmentKeyInToken":
        return DeliveryResult.configurationError(text + ": APNs rejected the signing key; check"
            + " the team id, key id, .p8 key and environment");
      case "MissingProviderToken":
        return DeliveryResult.configurationError(text + ": no provider token was sent; configure"
            + " tokenAuth or a client certificate");
      case "BadCertificate":
      case "BadCertificateEnvironment":
        return DeliveryResult.configurationError(text + ": APNs rejected the client certificate"
            + " (or it is for the other environment)");
      case "Forbidden":
        return DeliveryResult.configurationError(text + ": the key or certificate is revoked or"
            + " may not send to this topic");
      case "MissingTopic":
        return DeliveryResult.configurationError(text + ": APNs needs a topic; set"
            + " ApnsChannel.Builder.topic");
      case "BadPath":
      case "MethodNotAllowed":
        return DeliveryResult.configurationError(text + ": the server does not answer like APNs;"
            + " check the server address");

      // Transient: the same request can succeed later.
      case "ExpiredProviderToken": // pushy drops the connection and signs a fresh token
      case "TooManyProviderTokenUpdates":
      case "TooManyRequests":
      case "IdleTimeout":
      case "InternalServerError":
      case "ServiceUnavailable":
      case "Shutdown":
        return DeliveryResult.retryable(text);

      default:
        return status >= 500 || status == 429
            ? DeliveryResult.retryable(text) : DeliveryResult.permanent(text);
    }
  }

  /**
   * Classifies a send that got no answer: refused or dropped connections, TLS failures, a closed
   * client.
   *
   * @param failure what pushy's future failed with
   * @return configuration error for certificate trouble, channel unavailable for a closed client,
   *     retryable for everything else
   */
  public static DeliveryResult classifyFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    String text = describe(cause);
    if (isCertificateProblem(cause)) {
      return DeliveryResult.configurationError("TLS: " + text + ": check the trusted server"
          + " certificates and the client certificate");
    }
    if (cause instanceof IllegalStateException
        && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("closed")) {
      return DeliveryResult.channelUnavailable("APNs client closed: " + text, null);
    }
    return DeliveryResult.retryable(text);
  }

  /**
   * @param failure a failed send
   * @return true if no connection could be made at all (refused, unreachable, DNS, TLS), as
   *     opposed to a connection that dropped with requests in flight
   */
  static boolean isConnectFailure(Throwable failure) {
    for (Throwable t = unwrap(failure); t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException || t instanceof SSLException
          || t instanceof CertificateException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean isCertificateProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
      if (t instanceof SSLException) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("certificate") || message.contains("pkix")
            || message.contains("unknown_ca")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    // Netty's AnnotatedConnectException says nothing more than the ConnectException it is.
    String type = t instanceof ConnectException ? "ConnectException" : t.getClass().getSimpleName();
    return t.getMessage() == null ? type : type + ": " + t.getMessage();
  }
}
