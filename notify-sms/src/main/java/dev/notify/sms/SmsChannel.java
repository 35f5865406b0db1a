package dev.notify.sms;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.policy.RateLimit;
import dev.notify.sms.internal.MessageRules;
import dev.notify.sms.internal.PumpingGuard;
import dev.notify.sms.internal.SmsGateway;
import dev.notify.sms.internal.Violation;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import java.util.Optional;

/**
 * Sends SMS through twilio-java, one message per delivery to its one phone number.
 *
 * <pre>{@code
 * SmsChannel sms = SmsChannel.builder()
 *     .account("AC…", authToken)                       // or apiKey("AC…", "SK…", secret)
 *     .from("+14155550100")                            // or alphanumericSender / messagingService
 *     .statusCallback("https://hooks.example.com/twilio/status")
 *     .defaultRegion("US")                             // for numbers written without +1
 *     .allowCountries("US", "CA", "GB")                // everything else is refused at send
 *     .countryLimit("GB", RateLimit.perMinute(100))    // SMS pumping limits
 *     .numberRangeLimit(8, RateLimit.perMinute(5))
 *     .build();
 * NotificationClient client = NotificationClient.builder().channel(sms).build();
 * }</pre>
 *
 * <p>One instance per Twilio account and sender; thread-safe. Each channel has its own
 * {@code TwilioRestClient} on its own HTTP client (never {@code Twilio.init}), so channels of
 * different accounts work side by side. twilio-java blocks, so this is a {@link BlockingChannel}:
 * the engine runs {@link #sendBlocking} on the lane's blocking pool (give the lane about
 * {@link SmsChannelBuilder#connections(int)} in flight). Its lane is paced to the sender's throughput
 * ({@link #throughput()}). The module's README has the classification of Twilio's errors.
 */
public final class SmsChannel implements BlockingChannel, AutoCloseable {
  private final String name;
  private final MessageRules rules;
  private final PumpingGuard guard;
  private final SmsGateway gateway;
  private final RateLimit throughput;
  private final String description;

  SmsChannel(String name, MessageRules rules, PumpingGuard guard, SmsGateway gateway,
      RateLimit throughput, String description) {
    this.name = name;
    this.rules = rules;
    this.guard = guard;
    this.gateway = gateway;
    this.throughput = throughput;
    this.description = description;
  }

  /** {@return a builder; credentials and a sender are required} */
  public static SmsChannelBuilder builder() {
    return new SmsChannelBuilder();
  }

  @Override
  public String name() {
    return name;
  }

  /** @return {@link ChannelType#SMS} */
  @Override
  public ChannelType type() {
    return ChannelType.SMS;
  }

  /**
   * Checks, without I/O: the number (parsed with libphonenumber, with the default region if it
   * has no country code, a valid number, its country in the allow-list), the body (present,
   * well-formed, at most 1,600 characters and the configured number of segments), and the
   * options' status-callback URL.
   *
   * @throws dev.notify.InvalidNotificationException naming {@code address},
   *     {@code content.body} or {@code options.statusCallback}
   */
  @Override
  public void validate(OutboundMessage message) {
    requireNonNull(message, "message");
    Violation violation = rules.check(message);
    if (violation != null) {
      throw violation.toException();
    }
  }

  /**
   * Sends one delivery, blocking until Twilio answers. The number goes as E.164; the validity
   * period is the options' or the time left until {@code expiresAt} (at most 10 h). A message that
   * breaks a {@link #validate} rule here (after rendering) is answered at once, as is one over an
   * SMS pumping limit (permanent). The Message SID is the provider message id of a sent result:
   * {@link TwilioStatusCallbacks} finds the delivery by it.
   */
  @Override
  public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context) {
    requireNonNull(delivery, "delivery");
    requireNonNull(context, "context");
    MessageRules.Outcome outcome = rules.prepare(delivery.message(), context.clock().instant());
    if (outcome instanceof Violation v) {
      return v.toResult();
    }
    MessageRules.Prepared prepared = (MessageRules.Prepared) outcome;
    if (!guard.isEmpty()) {
      String over = guard.tryAcquire(prepared.request().to(), prepared.region(),
          context.clock().instant());
      if (over != null) {
        return DeliveryResult.permanent("refused: " + over);
      }
    }
    return gateway.send(prepared.request());
  }

  /**
   * {@return the throughput the lane is paced to: {@link SmsChannelBuilder#throughput} or the sender
   * type's default (long code 1/s, toll-free 3/s, short code 100/s)}
   */
  @Override
  public Optional<RateLimit> throughput() {
    return Optional.of(throughput);
  }

  /** Closes the HTTP connections. Idempotent. */
  @Override
  public void close() {
    gateway.close();
  }

  /** Shows the name, the account, the masked sender; never a token or secret. */
  @Override
  public String toString() {
    return "SmsChannel[" + name + ", " + description + "]";
  }
}
