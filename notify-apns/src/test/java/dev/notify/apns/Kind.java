package dev.notify.apns;

import dev.notify.spi.DeliveryResult;

/** The kind of a {@link DeliveryResult}, to state expectations in tables. */
enum Kind {
  SENT, RETRYABLE, PERMANENT, ADDRESS_INVALID, OPTED_OUT, UNAVAILABLE, CONFIGURATION;

  static Kind of(DeliveryResult result) {
    if (result instanceof DeliveryResult.Sent) {
      return SENT;
    }
    if (result instanceof DeliveryResult.Retryable) {
      return RETRYABLE;
    }
    if (result instanceof DeliveryResult.Permanent) {
      return PERMANENT;
    }
    if (result instanceof DeliveryResult.AddressInvalid) {
      return ADDRESS_INVALID;
    }
    if (result instanceof DeliveryResult.OptedOut) {
      return OPTED_OUT;
    }
    return ((DeliveryResult.ChannelUnavailable) result).configurationError()
        ? CONFIGURATION : UNAVAILABLE;
  }

  /** @return the reason text of a result that is not {@code Sent} */
  static String reason(DeliveryResult result) {
    if (result instanceof DeliveryResult.Retryable r) {
      return r.reason();
    }
    if (result instanceof DeliveryResult.Permanent p) {
      return p.reason();
    }
    if (result instanceof DeliveryResult.AddressInvalid a) {
      return a.reason();
    }
    if (result instanceof DeliveryResult.OptedOut o) {
      return o.reason();
    }
    if (result instanceof DeliveryResult.ChannelUnavailable u) {
      return u.reason();
    }
    throw new AssertionError("no reason in " + result);
  }
}
