package dev.notify.sms.internal;

import dev.notify.spi.DeliveryResult;

/**
 * What the SMS channel sends through: one provider account. Twilio's is the first
 * ({@link TwilioGateway}); another vendor is another implementation behind the same channel, with
 * its own classification of its answers.
 */
public interface SmsGateway extends AutoCloseable {

  /**
   * Sends one message, blocking until the provider answers; runs on the lane's blocking pool.
   *
   * @param request what to send
   * @return the classified result; a provider's rejection is a result, not an exception
   */
  DeliveryResult send(SmsRequest request);

  /** Releases connections; must not throw. */
  @Override
  void close();
}
