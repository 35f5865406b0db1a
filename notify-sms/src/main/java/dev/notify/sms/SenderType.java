package dev.notify.sms;

import dev.notify.policy.RateLimit;

/**
 * What kind of sender a channel sends from, and the throughput its lane is paced to by default
 * (Twilio's account defaults, in messages a second; a message of several segments counts as
 * several at the carrier, so lower the rate with {@link SmsChannelBuilder#throughput} for long
 * messages or when Twilio raised your limit).
 */
public enum SenderType {
  /** A long code (a normal E.164 number): about 1 segment a second. */
  LONG_CODE(RateLimit.perSecond(1)),
  /** A toll-free number: 3 segments a second. */
  TOLL_FREE(RateLimit.perSecond(3)),
  /** A short code (5 or 6 digits): 100 segments a second. */
  SHORT_CODE(RateLimit.perSecond(100)),
  /**
   * An alphanumeric sender id: Twilio gives no single figure (it depends on the country); 10 a
   * second is a starting point.
   */
  ALPHANUMERIC(RateLimit.perSecond(10)),
  /**
   * A Messaging Service, which spreads messages over its numbers and queues the excess at
   * Twilio: 10 a second is a starting point; set the sum of its senders' rates.
   */
  MESSAGING_SERVICE(RateLimit.perSecond(10));

  private final RateLimit throughput;

  SenderType(RateLimit throughput) {
    this.throughput = throughput;
  }

  /** {@return the default throughput of this kind of sender} */
  public RateLimit defaultThroughput() {
    return throughput;
  }
}
