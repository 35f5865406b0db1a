package dev.notify.sms;

import static java.util.Objects.requireNonNull;

import com.twilio.security.RequestValidator;
import dev.notify.NotificationClient;
import dev.notify.status.Receipt;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Handles Twilio's status callbacks for one SMS channel: a host's web endpoint hands each
 * callback request to {@link #handle}, which checks its {@code X-Twilio-Signature} with
 * twilio-java's {@code RequestValidator} and records the final status against the delivery,
 * found by the Message SID the channel got at send, through the public
 * {@link NotificationClient#recordReceipt} (on any instance sharing the log, also before the
 * send's SENT is committed; a redelivered callback is deduplicated there).
 *
 * <pre>{@code
 * TwilioStatusCallbacks callbacks = TwilioStatusCallbacks.of(client, "sms", authToken);
 *
 * // in the host's controller for POST /twilio/status (form-encoded):
 * Result r = callbacks.handle("https://hooks.example.com/twilio/status", formParams,
 *     request.getHeader("X-Twilio-Signature"));
 * response.setStatus(r.httpStatus());                   // 403 for a forged request, else 204
 * }</pre>
 *
 * <p><b>The URL.</b> Twilio signs the URL it called: the status-callback URL exactly as given
 * to the channel (scheme, host, port if any, path and query). Pass that URL, not the one the
 * host's server saw: behind a TLS-terminating proxy or load balancer the server sees
 * {@code http://10.0.0.7:8080/twilio/status}, and that signature check fails. Either pass the
 * configured public URL as a constant, or rebuild it from {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} (only when the proxy sets them and clients cannot) with
 * {@link #publicUrl}. The parameters are the form's POST parameters, every one.
 *
 * <p><b>What is recorded.</b> {@code delivered} as {@link Receipt.Kind#DELIVERED};
 * {@code undelivered} and {@code failed} as {@link Receipt.Kind#UNDELIVERED} with the status and
 * {@code ErrorCode} in the detail, or as {@link Receipt.Kind#ADDRESS_INVALID} for an error code
 * that says the number does not exist or cannot take SMS (30005, 30006, 21211, 21614), so the
 * recipient directory forgets a user's number. Intermediate statuses (queued, sending, sent,
 * accepted, scheduled) are acknowledged and not recorded. A redelivered callback (the same
 * Message SID, status and error code) is dropped if this handler recorded it among its last
 * 10,000; the log drops one equal to a receipt it holds.
 *
 * <p>Thread-safe; {@link #handle} runs on the host's request thread and may block on the log.
 */
public final class TwilioStatusCallbacks {
  /** Error codes of an undelivered message that mean the number itself is bad. */
  private static final Set<String> INVALID_NUMBER = Set.of("30005", "30006", "21211", "21614");
  private static final int RECENT = 10_000;

  private final NotificationClient client;
  private final String channel;
  private final RequestValidator validator;
  private final Clock clock;
  /**
   * Final statuses recorded lately by this handler, to drop Twilio's redeliveries: its callbacks
   * carry no time, so a redelivery stamped later is not equal to the first receipt in the log.
   */
  private final Map<String, Boolean> recent = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > RECENT;
        }
      });

  private TwilioStatusCallbacks(NotificationClient client, String channel, String authToken,
      Clock clock) {
    this.client = requireNonNull(client, "client");
    this.channel = requireNonNull(channel, "channel");
    this.validator = new RequestValidator(requireNonNull(authToken, "authToken"));
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * {@return the handler for one channel}
   *
   * @param client the client the channel belongs to (or any client on the same log)
   * @param channelName the SMS channel's name
   * @param authToken the account's auth token, which Twilio signs callbacks with (also when the
   *     channel sends with an API key)
   */
  public static TwilioStatusCallbacks of(NotificationClient client, String channelName,
      String authToken) {
    return new TwilioStatusCallbacks(client, channelName, authToken, Clock.systemUTC());
  }

  /**
   * {@return the handler, stamping receipts with {@code clock}'s time (Twilio's callback has no
   * time of its own)}
   *
   * @param client the client
   * @param channelName the SMS channel's name
   * @param authToken the account's auth token
   * @param clock the receipts' clock
   */
  public static TwilioStatusCallbacks of(NotificationClient client, String channelName,
      String authToken, Clock clock) {
    return new TwilioStatusCallbacks(client, channelName, authToken, clock);
  }

  /** What {@link #handle} did, and what to answer Twilio. */
  public enum Result {
    /** The receipt was recorded against its delivery. */
    RECORDED(204),
    /** A final status for an unknown Message SID, or one recorded before (a redelivery). */
    NOT_RECORDED(204),
    /** An intermediate status (queued, sent, …): acknowledged, nothing to record. */
    IGNORED(204),
    /** The signature is missing or wrong: not from Twilio, or the URL passed is not the one signed. */
    REJECTED(403);

    private final int httpStatus;

    Result(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** {@return the HTTP status to answer with} */
    public int httpStatus() {
      return httpStatus;
    }
  }

  /**
   * Checks and records one callback.
   *
   * @param url the URL Twilio called, as configured (see the class documentation)
   * @param params every POST parameter of the form
   * @param signature the {@code X-Twilio-Signature} header, or {@code null} if absent
   * @return what was done
   * @throws dev.notify.LogUnavailableException if the log failed; answer 5xx, Twilio may retry
   */
  public Result handle(String url, Map<String, String> params, @Nullable String signature) {
    requireNonNull(url, "url");
    requireNonNull(params, "params");
    if (signature == null || signature.isEmpty() || !validator.validate(url, params, signature)) {
      return Result.REJECTED;
    }
    String sid = params.get("MessageSid");
    String status = params.getOrDefault("MessageStatus", params.get("SmsStatus"));
    if (sid == null || status == null) {
      return Result.IGNORED;
    }
    String errorCode = params.get("ErrorCode");
    Receipt receipt = switch (status.toLowerCase(Locale.ROOT)) {
      case "delivered", "read" -> new Receipt(Receipt.Kind.DELIVERED, clock.instant(), status);
      case "undelivered", "failed" -> new Receipt(
          errorCode != null && INVALID_NUMBER.contains(errorCode)
              ? Receipt.Kind.ADDRESS_INVALID : Receipt.Kind.UNDELIVERED,
          clock.instant(), status + (errorCode != null ? " (error " + errorCode + ")" : ""));
      default -> null;
    };
    if (receipt == null) {
      return Result.IGNORED;
    }
    String key = sid + "|" + receipt.kind() + "|" + receipt.detail();
    if (recent.containsKey(key)) {
      return Result.NOT_RECORDED;
    }
    boolean recorded = client.recordReceipt(channel, sid, receipt);
    recent.put(key, Boolean.TRUE);
    return recorded ? Result.RECORDED : Result.NOT_RECORDED;
  }

  /**
   * {@return the public URL of a request that came through a proxy: {@code proto://host} and the
   * path with its query, as the host's server saw them}
   *
   * @param forwardedProto the {@code X-Forwarded-Proto} value, {@code https}
   * @param forwardedHost the {@code X-Forwarded-Host} value, {@code hooks.example.com} (with a
   *     port only if the public URL has one)
   * @param pathAndQuery the request's path and query, {@code /twilio/status?tenant=7}
   */
  public static String publicUrl(String forwardedProto, String forwardedHost,
      String pathAndQuery) {
    requireNonNull(forwardedProto, "forwardedProto");
    requireNonNull(forwardedHost, "forwardedHost");
    requireNonNull(pathAndQuery, "pathAndQuery");
    String proto = forwardedProto.split(",")[0].trim().toLowerCase(Locale.ROOT);
    String host = forwardedHost.split(",")[0].trim();
    return proto + "://" + host + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery;
  }

  @Override
  public String toString() {
    return "TwilioStatusCallbacks[channel=" + channel + "]";
  }
}
