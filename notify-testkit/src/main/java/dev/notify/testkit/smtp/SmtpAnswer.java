package dev.notify.testkit.smtp;

import static java.util.Objects.requireNonNull;

/**
 * How {@link SmtpPeer} answers a message to one recipient: scripted per address with
 * {@link SmtpPeer#respond(String, Object[])}.
 *
 * <pre>{@code
 * peer.respond("ada@example.com", SmtpAnswer.atRcpt(451, "4.7.1 Greylisted, try again later"),
 *     SmtpAnswer.accept());                                    // greylisted once, then accepted
 * peer.respond("bob@example.com", SmtpAnswer.atRcpt(550, "5.1.1 No such user here"));
 * peer.respond("eve@example.com", SmtpAnswer.atData(554, "5.6.0 Message content rejected"));
 * peer.respond("joe@example.com", SmtpAnswer.dropInData(), SmtpAnswer.accept());
 * }</pre>
 *
 * @param phase when the answer is given
 * @param code the reply code, 200 to 599 (0 for {@link Phase#DROP_IN_DATA},
 *     {@link Phase#STALL_IN_DATA} and {@link Phase#SILENT}, which give none)
 * @param text the reply text after the code, usually starting with an enhanced status code
 *     (RFC 3463) such as {@code 4.7.1}; one line
 */
public record SmtpAnswer(Phase phase, int code, String text) {

  /** When the peer answers, and how. */
  public enum Phase {
    /** 250 to RCPT TO and to the end of DATA: the message is accepted. */
    ACCEPT,
    /** The scripted reply to RCPT TO; no DATA follows for this recipient. */
    RCPT,
    /** 250 to RCPT TO, the scripted reply to the final "." of DATA. */
    DATA,
    /** Closes the connection after a few lines of the message's data. */
    DROP_IN_DATA,
    /**
     * Stops reading after a few lines of the message's data and holds the connection open, so a
     * large message fills the socket buffers and the client's write blocks.
     */
    STALL_IN_DATA,
    /** Reads the whole message, then never answers and holds the connection open. */
    SILENT
  }

  /**
   * Checks the answer.
   *
   * @param phase when the answer is given
   * @param code the reply code
   * @param text the reply text
   * @throws IllegalArgumentException if a replying phase has a code outside 200 to 599, or the
   *     text has a line break
   */
  public SmtpAnswer {
    requireNonNull(phase, "phase");
    requireNonNull(text, "text");
    boolean replies = phase == Phase.ACCEPT || phase == Phase.RCPT || phase == Phase.DATA;
    if (replies && (code < 200 || code > 599)) {
      throw new IllegalArgumentException("an SMTP reply code is 200 to 599: " + code);
    }
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("the reply text must be one line: " + text);
    }
  }

  /** {@return 250 to RCPT TO and to the end of DATA: accepted, the peer's default answer} */
  public static SmtpAnswer accept() {
    return new SmtpAnswer(Phase.ACCEPT, 250, "2.0.0 Ok: queued");
  }

  /**
   * {@return this reply to RCPT TO, e.g. {@code atRcpt(550, "5.1.1 No such user here")} or
   * {@code atRcpt(450, "4.7.0 Too many messages, slow down")}}
   *
   * @param code the reply code, 200 to 599
   * @param text the text after the code
   */
  public static SmtpAnswer atRcpt(int code, String text) {
    return new SmtpAnswer(Phase.RCPT, code, text);
  }

  /**
   * {@return this reply to the final "." of DATA, after 250 to RCPT TO, e.g.
   * {@code atData(554, "5.6.0 Message content rejected")} or {@code atData(452, "4.2.2 Mailbox
   * full")}}
   *
   * @param code the reply code, 200 to 599
   * @param text the text after the code
   */
  public static SmtpAnswer atData(int code, String text) {
    return new SmtpAnswer(Phase.DATA, code, text);
  }

  /** {@return an answer that closes the connection halfway through the message's data} */
  public static SmtpAnswer dropInData() {
    return new SmtpAnswer(Phase.DROP_IN_DATA, 0, "");
  }

  /**
   * {@return an answer that stops reading halfway through the message's data, holding the
   * connection open: a large message then ends in the client's write timeout}
   */
  public static SmtpAnswer stallInData() {
    return new SmtpAnswer(Phase.STALL_IN_DATA, 0, "");
  }

  /**
   * {@return an answer that reads the whole message and never replies: the client's read timeout
   * ends it, and nobody knows whether the message was taken}
   */
  public static SmtpAnswer silent() {
    return new SmtpAnswer(Phase.SILENT, 0, "");
  }
}
