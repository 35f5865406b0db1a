package dev.notify.testkit.smtp;

import dev.notify.testkit.ReceivedMessage;

/**
 * One message {@link SmtpPeer} answered, for one recipient.
 *
 * @param address the RCPT TO address
 * @param accepted whether the peer answered 250 to the end of DATA
 * @param code the reply code given for it: the scripted one, 250 if accepted, 0 if the peer
 *     gave none (a drop or stall mid-DATA, silence)
 * @param data the message as received (headers and body, CRLF line ends, dot-stuffing
 *     removed); empty if rejected at RCPT TO, what was read if the peer dropped or stalled
 *     mid-DATA
 */
public record ReceivedEmail(String address, boolean accepted, int code, String data)
    implements ReceivedMessage {
}
