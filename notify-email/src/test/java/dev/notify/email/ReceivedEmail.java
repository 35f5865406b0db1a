package dev.notify.email;

import dev.notify.testkit.ReceivedMessage;

/**
 * One message {@link SmtpPeer} answered.
 *
 * @param address the RCPT TO address
 * @param accepted whether the peer answered 250 to the end of DATA
 * @param code the reply code given for it
 * @param data the message as received (headers and body), empty if rejected before DATA
 */
record ReceivedEmail(String address, boolean accepted, int code, String data)
    implements ReceivedMessage {
}
