package dev.notify.email.internal;

import dev.notify.spi.DeliveryResult;
import dev.notify.spi.Redaction;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Angus Mail throws into a {@link DeliveryResult}, by the SMTP reply of the one
 * recipient (its basic and enhanced status code, RFC 3463), never by the exception's type or
 * message: Angus reports a recipient's transient 4.7.x throttling as "Invalid Addresses"
 * (angus-mail #160). The module's README has the table.
 */
public final class SmtpClassifier {
  private static final Pattern ENHANCED =
      Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
  /** Without an enhanced code, the words servers use for a mailbox that does not exist. */
  private static final Pattern NO_SUCH_USER = Pattern.compile("(?i)no such (user|mailbox|recipient)"
      + "|user unknown|unknown (user|recipient|mailbox)|mailbox (unavailable|not found)"
      + "|does not exist|invalid (recipient|mailbox)|recipient rejected");
  private static final Pattern ADDRESS = Pattern.compile(
      "[^\\s<>()\\[\\]:;,\"]+@[^\\s<>()\\[\\]:;,\"]+");
  private static final Set<Integer> ADDRESS_CODES = Set.of(550, 551, 553);
  private static final Set<Integer> AUTH_CODES = Set.of(530, 534, 535, 538);

  private SmtpClassifier() {
  }

  /**
   * An SMTP reply.
   *
   * @param code the basic code, e.g. 550
   * @param text the reply text after the code
   * @param command the command it answered, or {@code null}
   */
  record Reply(int code, String text, @Nullable String command) {
    boolean toSender() {
      return command != null && command.regionMatches(true, 0, "MAIL FROM", 0, 9);
    }

    @Override
    public String toString() {
      return code + " " + text.strip();
    }
  }

  /**
   * {@return the result of a failed send}
   *
   * @param e what Angus threw
   * @param terminatorSent whether DATA's final "." had gone out
   */
  public static DeliveryResult classifySend(MessagingException e, boolean terminatorSent) {
    Reply reply = reply(e);
    if (reply != null) {
      return classifyReply(reply);
    }
    String what = describe(e);
    if (terminatorSent) {
      return DeliveryResult.outcomeUnknown("no reply from the SMTP server after the message was"
          + " sent: " + what);
    }
    if (has(e, SocketTimeoutException.class)) {
      return DeliveryResult.retryable("the SMTP server timed out before the message was"
          + " complete: " + what);
    }
    return DeliveryResult.retryable("the SMTP connection was lost before the message was"
        + " complete: " + what);
  }

  /**
   * {@return true if the send failed without any SMTP reply: the connection was lost}
   *
   * @param e what Angus threw
   */
  static boolean noReply(MessagingException e) {
    return reply(e) == null;
  }

  /**
   * {@return true if the connection was gone: no reply at all, or 421 (servers close idle
   * connections with "421 4.4.2 timeout")}
   *
   * @param e what Angus threw
   */
  static boolean connectionGone(MessagingException e) {
    Reply reply = reply(e);
    return reply == null || reply.code() == 421;
  }

  /**
   * {@return the result of a failed connect (or login)}: the whole channel is unreachable or
   * misconfigured.
   *
   * @param e what {@code connect} threw
   */
  public static DeliveryResult classifyConnect(MessagingException e) {
    String what = describe(e);
    if (e instanceof AuthenticationFailedException) {
      return DeliveryResult.configurationError("SMTP authentication failed: " + what);
    }
    if (has(e, SSLException.class) || what.contains("STARTTLS")) {
      return DeliveryResult.configurationError("TLS with the SMTP server failed: " + what);
    }
    return DeliveryResult.channelUnavailable("cannot connect to the SMTP server: " + what, null);
  }

  /**
   * {@return the result of one SMTP error reply}
   *
   * @param reply the reply
   */
  static DeliveryResult classifyReply(Reply reply) {
    int code = reply.code();
    Matcher m = ENHANCED.matcher(reply.text());
    boolean enhanced = m.find();
    // The basic code decides the class (RFC 5321); the enhanced code (RFC 3463) the subject.
    int cls = code / 100;
    int subject = enhanced ? Integer.parseInt(m.group(2)) : -1;
    int detail = enhanced ? Integer.parseInt(m.group(3)) : -1;
    String reason = "SMTP " + reply;
    if (AUTH_CODES.contains(code)) {
      return DeliveryResult.configurationError(reason + " (authentication)");
    }
    if (cls == 4) {
      return DeliveryResult.retryable(reason);
    }
    if (cls != 5) {
      return DeliveryResult.retryable(reason + " (unexpected reply)");
    }
    if (reply.toSender()) {
      return DeliveryResult.configurationError(reason + " (the sender address was refused)");
    }
    boolean addressSubject = enhanced
        ? subject == 1 && detail != 7 && detail != 8 || subject == 2 && detail == 1
        : NO_SUCH_USER.matcher(reply.text()).find();
    if (ADDRESS_CODES.contains(code) && addressSubject) {
      return DeliveryResult.addressInvalid(reason, null);
    }
    return DeliveryResult.permanent(reason);
  }

  /** {@return the recipient's reply if there is one, else the reply to the failed command} */
  private static @Nullable Reply reply(MessagingException e) {
    Reply found = null;
    Exception x = e;
    for (int depth = 0; x != null && depth < 10; depth++) {
      Reply r = null;
      if (x instanceof SMTPAddressFailedException a) {
        r = new Reply(a.getReturnCode(), text(a.getMessage(), a.getReturnCode()), a.getCommand());
        if (r.code() >= 400) {
          return r;
        }
      } else if (x instanceof SMTPSenderFailedException s) {
        r = new Reply(s.getReturnCode(), text(s.getMessage(), s.getReturnCode()), s.getCommand());
      } else if (x instanceof SMTPSendFailedException s) {
        r = new Reply(s.getReturnCode(), text(s.getMessage(), s.getReturnCode()), s.getCommand());
      }
      if (found == null && r != null && r.code() >= 400) {
        found = r;
      }
      x = x instanceof MessagingException me ? me.getNextException() : null;
    }
    return found;
  }

  private static String text(@Nullable String message, int code) {
    if (message == null) {
      return "";
    }
    String s = message.strip();
    String prefix = Integer.toString(code);
    s = s.startsWith(prefix) ? s.substring(prefix.length()).strip() : s;
    // Servers repeat the recipient in their replies: never keep it whole in a reason.
    Matcher m = ADDRESS.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(Redaction.mask(m.group())));
    }
    return m.appendTail(b).toString();
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  /** The exception chain's messages; Angus's messages name hosts, not addresses or secrets. */
  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 4; t = next(t), depth++) {
      if (b.length() > 0) {
        b.append(": ");
      }
      b.append(t instanceof IOException || t.getMessage() == null ? t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : " " + t.getMessage()) : t.getMessage());
    }
    return b.toString();
  }
}
