package dev.notify.sms.internal;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Redaction;

/**
 * Sends through twilio-java on the channel's own {@link TwilioRestClient} (never the static
 * {@code Twilio.init} state, which the host may use for something else), synchronously on the
 * calling thread (the lane's blocking pool; never twilio-java's {@code createAsync} executor).
 */
public final class TwilioGateway implements SmsGateway {
  private final TwilioRestClient client;
  private final TwilioHttpClient http;
  private final String accountSid;
  private final String sender;
  private final boolean messagingService;

  /**
   * Creates the gateway.
   *
   * @param client the channel's client
   * @param http the HTTP client under it, closed with the gateway
   * @param accountSid the account messages are sent from (the path's account SID)
   * @param sender a From number, alphanumeric sender id or short code, or a Messaging Service SID
   * @param messagingService true if {@code sender} is a Messaging Service SID
   */
  public TwilioGateway(TwilioRestClient client, TwilioHttpClient http, String accountSid,
      String sender, boolean messagingService) {
    this.client = client;
    this.http = http;
    this.accountSid = accountSid;
    this.sender = sender;
    this.messagingService = messagingService;
  }

  @Override
  public DeliveryResult send(SmsRequest request) {
    PhoneNumber to = new PhoneNumber(request.to());
    MessageCreator creator = messagingService
        ? Message.creator(accountSid, to, sender, request.body())
        : Message.creator(accountSid, to, new PhoneNumber(sender), request.body());
    if (request.validitySeconds() != null) {
      creator.setValidityPeriod(request.validitySeconds());
    }
    if (request.statusCallback() != null) {
      creator.setStatusCallback(request.statusCallback());
    }
    TwilioHttpClient.beginAttempt();
    try {
      Message m = creator.create(client);
      return DeliveryResult.sent(m.getSid());
    } catch (TwilioException e) {
      return TwilioClassifier.classify(e, TwilioHttpClient.requests(),
          TwilioHttpClient.retryAfter());
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** Shows the account and the sender masked. */
  @Override
  public String toString() {
    return "twilio account=" + accountSid + ", " + (messagingService ? "messagingService="
        + sender : "from=" + Redaction.mask(sender));
  }
}
