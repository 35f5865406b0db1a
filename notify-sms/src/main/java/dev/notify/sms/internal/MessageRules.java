package dev.notify.sms.internal;

import dev.notify.sms.SmsOptions;
import dev.notify.sms.SmsSegments;
import dev.notify.spi.OutboundMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code validate} checks and {@code send} checks again on the rendered message: the number,
 * the body (present, well-formed, within the segment limit and Twilio's 1,600 characters), the
 * options; and how a message becomes an {@link SmsRequest} (E.164 number, validity period).
 */
public final class MessageRules {
  /** Twilio's limit on a message body, in characters. */
  static final int MAX_BODY_CHARS = 1600;

  private final PhoneRules phones;
  private final int maxSegments;
  private final @Nullable String statusCallback;

  /**
   * Creates the rules.
   *
   * @param phones the number rules
   * @param maxSegments the most segments a message may take
   * @param statusCallback the channel's status-callback URL, already checked with
   *     {@link #urlRule}, or {@code null}
   */
  public MessageRules(PhoneRules phones, int maxSegments, @Nullable String statusCallback) {
    this.phones = phones;
    this.maxSegments = maxSegments;
    this.statusCallback = statusCallback;
  }

  /** What {@link #prepare} found: a {@link Prepared} message or a {@link Violation}. */
  public sealed interface Outcome permits Prepared, Violation {
  }

  /**
   * A message ready to send.
   *
   * @param request what the gateway sends
   * @param region the destination's region, for the pumping guard
   */
  public record Prepared(SmsRequest request, String region) implements Outcome {
  }

  /**
   * {@return the violation of the first rule the message breaks, or {@code null}}
   *
   * @param m the message
   */
  public @Nullable Violation check(OutboundMessage m) {
    Outcome r = prepare(m, null);
    return r instanceof Violation v ? v : null;
  }

  /**
   * {@return a {@link Prepared} message, or the {@link Violation} of the first rule it breaks}
   *
   * @param m the message
   * @param now the clock's time for the validity period, or {@code null} when only checking
   */
  public Outcome prepare(OutboundMessage m, @Nullable Instant now) {
    PhoneRules.Checked number = phones.parse("address", m.address().value(), true);
    if (number instanceof Violation v) {
      return v;
    }
    PhoneRules.Parsed to = (PhoneRules.Parsed) number;
    String body = m.content().body();
    if (body == null || body.isBlank()) {
      return new Violation("content.body", "an SMS needs a body (the text to send)");
    }
    if (body.equals("null")) {
      // twilio-java leaves out a form parameter whose value is the text "null" (found by the
      // naughty-strings corpus): the request would go without a Body and fail as 21602.
      return new Violation("content.body", "must not be exactly \"null\": twilio-java drops a"
          + " parameter with that value");
    }
    if (!wellFormed(body)) {
      return new Violation("content.body", "must be well-formed text: it has an unpaired"
          + " surrogate");
    }
    if (body.length() > MAX_BODY_CHARS) {
      return new Violation("content.body", "must be at most " + MAX_BODY_CHARS
          + " characters (Twilio's limit), was " + body.length());
    }
    SmsSegments segments = SmsSegments.of(body);
    if (segments.segments() > maxSegments) {
      return new Violation("content.body", "must fit in " + maxSegments + " SMS segments, needs "
          + segments.segments() + " (" + segments.encoding() + ", " + segments.units()
          + " units)");
    }
    Optional<SmsOptions> options = m.options(SmsOptions.class);
    // The channel's own URL passed urlRule at build; only a message's own is checked here.
    String callback = options.map(SmsOptions::statusCallback).orElse(null);
    if (callback != null) {
      String rule = urlRule(callback);
      if (rule != null) {
        return new Violation("options.statusCallback", rule);
      }
    } else {
      callback = statusCallback;
    }
    Integer validity = null;
    Duration period = options.map(SmsOptions::validityPeriod).orElse(null);
    if (period != null) {
      validity = (int) period.toSeconds();
    } else if (m.expiresAt() != null && now != null) {
      long left = Duration.between(now, m.expiresAt()).toSeconds();
      if (left < 1) {
        return new Violation("expiresAt", "the message expired before it could be sent");
      }
      validity = (int) Math.min(left, SmsOptions.MAX_VALIDITY.toSeconds());
    }
    return new Prepared(new SmsRequest(to.e164(), body, segments.segments(), validity, callback),
        to.region());
  }

  /**
   * {@return null if {@code url} is an absolute http or https URL Twilio can call, else the rule}
   *
   * @param url the status-callback URL
   */
  public static @Nullable String urlRule(String url) {
    if (url.length() > 2048) {
      return "must be a URL of at most 2048 characters, was " + url.length();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        return "must be an absolute http or https URL with a host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "must be an absolute http or https URL: " + e.getReason();
    }
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
