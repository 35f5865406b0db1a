package dev.notify.email;

/**
 * How {@link SmtpPeer} answers a message to one address.
 *
 * @param phase when the answer is given
 * @param code the reply code (ignored for {@link Phase#DROP_IN_DATA} and {@link Phase#SILENT})
 * @param text the reply text after the code
 */
record SmtpAnswer(Phase phase, int code, String text) {

  /** When the peer answers. */
  enum Phase {
    /** 250 to RCPT and to the end of DATA. */
    ACCEPT,
    /** The reply to RCPT TO. */
    RCPT,
    /** The reply to the final "." of DATA. */
    DATA,
    /** Closes the connection halfway through the message's data. */
    DROP_IN_DATA,
    /** Stops reading halfway through the message's data, holding the connection open. */
    STALL_IN_DATA,
    /** Reads the whole message, then never answers. */
    SILENT
  }

  static SmtpAnswer accept() {
    return new SmtpAnswer(Phase.ACCEPT, 250, "2.0.0 Ok: queued");
  }

  static SmtpAnswer atRcpt(int code, String text) {
    return new SmtpAnswer(Phase.RCPT, code, text);
  }

  static SmtpAnswer atData(int code, String text) {
    return new SmtpAnswer(Phase.DATA, code, text);
  }

  static SmtpAnswer dropInData() {
    return new SmtpAnswer(Phase.DROP_IN_DATA, 0, "");
  }

  static SmtpAnswer stallInData() {
    return new SmtpAnswer(Phase.STALL_IN_DATA, 0, "");
  }

  static SmtpAnswer silent() {
    return new SmtpAnswer(Phase.SILENT, 0, "");
  }
}
