package dev.notify.sms;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.twilio.http.TwilioRestClient;
import dev.notify.policy.RateLimit;
import dev.notify.sms.internal.MessageRules;
import dev.notify.sms.internal.PhoneRules;
import dev.notify.sms.internal.PumpingGuard;
import dev.notify.sms.internal.TwilioGateway;
import dev.notify.sms.internal.TwilioHttpClient;
import dev.notify.sms.internal.Violation;
import dev.notify.spi.Redaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link SmsChannel}: {@code SmsChannel.builder()}. Required: credentials
 * ({@link #account} or {@link #apiKey}) and a sender ({@link #from}, {@link #alphanumericSender}
 * or {@link #messagingService}). Not thread-safe.
 */
public final class SmsChannelBuilder {
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
  private static final Pattern KEY_SID = Pattern.compile("SK[0-9a-f]{32}");
  private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-f]{32}");
  private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
  private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
  private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,13}");

  private String name = "sms";
  private @Nullable String accountSid;
  private @Nullable String user;
  private @Nullable String secret;
  private @Nullable String sender;
  private @Nullable SenderType senderType;
  private @Nullable String statusCallback;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration readTimeout = Duration.ofSeconds(15);
  private int connections = 16;
  private @Nullable Consumer<HttpClientBuilder> httpClient;
  private @Nullable String defaultRegion;
  private final Set<String> allowedCountries = new TreeSet<>();
  private final Map<String, RateLimit> countryLimits = new LinkedHashMap<>();
  private final Map<String, RateLimit> prefixLimits = new LinkedHashMap<>();
  private int rangeDigits;
  private @Nullable RateLimit rangeLimit;
  private int maxSegments = 10;
  private @Nullable RateLimit throughput;

  SmsChannelBuilder() {
  }

  /**
   * Names the channel.
   *
   * @param name the channel's unique name; default {@code "sms"}
   * @return this builder
   */
  public SmsChannelBuilder name(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
    return this;
  }

  /**
   * Authenticates with the account's SID and auth token.
   *
   * @param accountSid {@code AC} and 32 hex digits
   * @param authToken the auth token; never logged or printed
   * @return this builder
   */
  public SmsChannelBuilder account(String accountSid, String authToken) {
    this.accountSid = accountSid(accountSid);
    this.user = accountSid;
    this.secret = secret("authToken", authToken);
    return this;
  }

  /**
   * Authenticates with an API key of the account (Twilio's advice for production).
   *
   * @param accountSid the account the messages are sent from, {@code AC} and 32 hex digits
   * @param keySid the API key's SID, {@code SK} and 32 hex digits
   * @param keySecret its secret; never logged or printed
   * @return this builder
   */
  public SmsChannelBuilder apiKey(String accountSid, String keySid, String keySecret) {
    requireNonNull(keySid, "keySid");
    if (!KEY_SID.matcher(keySid).matches()) {
      throw new IllegalArgumentException("keySid must be SK and 32 hex digits: "
          + Redaction.mask(keySid));
    }
    this.accountSid = accountSid(accountSid);
    this.user = keySid;
    this.secret = secret("keySecret", keySecret);
    return this;
  }

  /**
   * Sends from a phone number or a short code; its type sets the default pacing (toll-free
   * numbers 3/s, short codes 100/s, other numbers 1/s).
   *
   * @param number an E.164 number ({@code +14155550100}) or a short code of 3 to 8 digits
   * @return this builder
   */
  public SmsChannelBuilder from(String number) {
    requireNonNull(number, "number");
    if (SHORT_CODE.matcher(number).matches()) {
      return sender(number, SenderType.SHORT_CODE);
    }
    PhoneRules.Checked checked = new PhoneRules(null, Set.of()).parse("from", number, false);
    if (checked instanceof Violation v) {
      throw new IllegalArgumentException(v.field() + " " + v.rule());
    }
    PhoneRules.Parsed parsed = (PhoneRules.Parsed) checked;
    return sender(parsed.e164(), parsed.type() == PhoneNumberType.TOLL_FREE
        ? SenderType.TOLL_FREE : SenderType.LONG_CODE);
  }

  /**
   * Sends from an alphanumeric sender id (not allowed in every country; replies are impossible).
   *
   * @param id 1 to 11 letters, digits and spaces, at least one letter
   * @return this builder
   */
  public SmsChannelBuilder alphanumericSender(String id) {
    requireNonNull(id, "id");
    if (!ALPHANUMERIC.matcher(id).matches()) {
      throw new IllegalArgumentException("an alphanumeric sender id is 1 to 11 letters, digits"
          + " and spaces with at least one letter: '" + id + "'");
    }
    return sender(id, SenderType.ALPHANUMERIC);
  }

  /**
   * Sends through a Messaging Service, which picks the sender.
   *
   * @param serviceSid {@code MG} and 32 hex digits
   * @return this builder
   */
  public SmsChannelBuilder messagingService(String serviceSid) {
    requireNonNull(serviceSid, "serviceSid");
    if (!SERVICE_SID.matcher(serviceSid).matches()) {
      throw new IllegalArgumentException("a Messaging Service SID is MG and 32 hex digits: '"
          + serviceSid + "'");
    }
    return sender(serviceSid, SenderType.MESSAGING_SERVICE);
  }

  /**
   * Asks Twilio to report each message's status to this URL ({@link TwilioStatusCallbacks}
   * handles the requests). Default: none; a notification's {@link SmsOptions#statusCallback()}
   * replaces it.
   *
   * @param url an absolute http or https URL, exactly as the host's endpoint will check it
   * @return this builder
   */
  public SmsChannelBuilder statusCallback(String url) {
    requireNonNull(url, "url");
    String rule = MessageRules.urlRule(url);
    if (rule != null) {
      throw new IllegalArgumentException("statusCallback " + rule);
    }
    this.statusCallback = url;
    return this;
  }

  /**
   * Sets the connect timeout.
   *
   * @param timeout how long opening a connection to Twilio may take; default 5 s
   * @return this builder
   */
  public SmsChannelBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * Sets the read timeout.
   *
   * @param timeout how long to wait for Twilio's answer (also for a free pooled connection);
   *     default 15 s. Keep it, times 4 for twilio-java's own 5xx retries, below the lane's
   *     attempt deadline.
   * @return this builder
   */
  public SmsChannelBuilder readTimeout(Duration timeout) {
    this.readTimeout = positive(timeout, "readTimeout");
    return this;
  }

  /**
   * Sets the connection pool's size.
   *
   * @param connections the most HTTP connections to Twilio at once; default 16. Give the lane
   *     about as many sends in flight.
   * @return this builder
   */
  public SmsChannelBuilder connections(int connections) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be positive: " + connections);
    }
    this.connections = connections;
    return this;
  }

  /**
   * Customises the Apache HttpClient 5 under twilio-java: a proxy, a route planner (tests), TLS.
   * Called once at {@link #build()}, after the channel's pool and timeouts are set; automatic
   * retries are disabled after it, whatever it does.
   *
   * @param customizer changes the builder
   * @return this builder
   */
  public SmsChannelBuilder httpClient(Consumer<HttpClientBuilder> customizer) {
    this.httpClient = requireNonNull(customizer, "customizer");
    return this;
  }

  /**
   * Sets the region of numbers written without a country code ({@code 020 7946 0000} with
   * {@code GB}). Default: none, and such numbers are refused.
   *
   * @param region an ISO 3166 region code, {@code US}, {@code GB}, {@code KR}
   * @return this builder
   */
  public SmsChannelBuilder defaultRegion(String region) {
    this.defaultRegion = region(region);
    return this;
  }

  /**
   * Allows messages only to these countries; every other one is refused at {@code send}. Default:
   * every country. Calls add up.
   *
   * @param regions ISO 3166 region codes
   * @return this builder
   */
  public SmsChannelBuilder allowCountries(String... regions) {
    for (String r : regions) {
      allowedCountries.add(region(r));
    }
    return this;
  }

  /**
   * Limits the messages to one country, across all its numbers (SMS pumping protection).
   *
   * @param region an ISO 3166 region code
   * @param limit the limit
   * @return this builder
   */
  public SmsChannelBuilder countryLimit(String region, RateLimit limit) {
    countryLimits.put(region(region), requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Limits the messages to numbers that start with a prefix, all together (a premium-rate range
   * or an operator's block).
   *
   * @param e164Prefix {@code +} and 1 to 14 digits, {@code +4477009}
   * @param limit the limit
   * @return this builder
   */
  public SmsChannelBuilder prefixLimit(String e164Prefix, RateLimit limit) {
    requireNonNull(e164Prefix, "e164Prefix");
    if (!PREFIX.matcher(e164Prefix).matches()) {
      throw new IllegalArgumentException("a prefix is + and 1 to 14 digits: '" + e164Prefix
          + "'");
    }
    prefixLimits.put(e164Prefix, requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Limits the messages to every number range on its own: numbers that share their first
   * {@code digits} digits count together. Pumping sends to many numbers of one range.
   *
   * @param digits 4 to 12 leading digits (country code included)
   * @param limit the limit of each range
   * @return this builder
   */
  public SmsChannelBuilder numberRangeLimit(int digits, RateLimit limit) {
    if (digits < 4 || digits > 12) {
      throw new IllegalArgumentException("digits must be 4 to 12: " + digits);
    }
    this.rangeDigits = digits;
    this.rangeLimit = requireNonNull(limit, "limit");
    return this;
  }

  /**
   * Sets the most segments a message may take; a longer one is refused at {@code send}.
   *
   * @param segments 1 to 10; default 10
   * @return this builder
   */
  public SmsChannelBuilder maxSegments(int segments) {
    if (segments < 1 || segments > 10) {
      throw new IllegalArgumentException("maxSegments must be 1 to 10: " + segments);
    }
    this.maxSegments = segments;
    return this;
  }

  /**
   * Paces the lane to this throughput instead of the sender type's default.
   *
   * @param limit messages per period
   * @return this builder
   */
  public SmsChannelBuilder throughput(RateLimit limit) {
    this.throughput = requireNonNull(limit, "limit");
    return this;
  }

  /**
   * {@return the channel, with its own TwilioRestClient; nothing is sent until the first send}
   *
   * @throws IllegalStateException if the credentials or the sender are missing
   */
  public SmsChannel build() {
    if (accountSid == null || user == null || secret == null) {
      throw new IllegalStateException("Twilio credentials are required: call account(sid, token)"
          + " or apiKey(accountSid, keySid, secret)");
    }
    if (sender == null || senderType == null) {
      throw new IllegalStateException("a sender is required: call from(number),"
          + " alphanumericSender(id) or messagingService(sid)");
    }
    TwilioHttpClient http = new TwilioHttpClient(connections, connectTimeout, readTimeout,
        httpClient);
    TwilioRestClient client = new TwilioRestClient.Builder(user, secret).accountSid(accountSid)
        .httpClient(http).build();
    boolean service = senderType == SenderType.MESSAGING_SERVICE;
    TwilioGateway gateway = new TwilioGateway(client, http, accountSid, sender, service);
    MessageRules rules = new MessageRules(new PhoneRules(defaultRegion, allowedCountries),
        maxSegments, statusCallback);
    PumpingGuard guard = new PumpingGuard(countryLimits, prefixLimits, rangeDigits, rangeLimit);
    RateLimit pace = throughput != null ? throughput : senderType.defaultThroughput();
    String description = gateway + ", sender=" + senderType
        + (allowedCountries.isEmpty() ? "" : ", countries=" + allowedCountries);
    return new SmsChannel(name, rules, guard, gateway, pace, description);
  }

  private SmsChannelBuilder sender(String value, SenderType type) {
    this.sender = value;
    this.senderType = type;
    return this;
  }

  private static String accountSid(String sid) {
    requireNonNull(sid, "accountSid");
    if (!ACCOUNT_SID.matcher(sid).matches()) {
      throw new IllegalArgumentException("accountSid must be AC and 32 hex digits: "
          + Redaction.mask(sid));
    }
    return sid;
  }

  private static String secret(String what, String value) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  private static String region(String region) {
    requireNonNull(region, "region");
    String upper = region.toUpperCase(Locale.ROOT);
    if (!PhoneRules.isRegion(upper)) {
      throw new IllegalArgumentException("not an ISO 3166 region code libphonenumber knows: '"
          + region + "'");
    }
    return upper;
  }

  private static Duration positive(Duration d, String what) {
    requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }
}
