/**
 * The SMS channel's internals, not API: the {@link dev.notify.sms.internal.SmsGateway} the
 * channel sends through and its Twilio implementation on the channel's own
 * {@code TwilioRestClient}, the HTTP client under it, the classification of Twilio's answers,
 * phone-number and sender rules, GSM-7 tables and the SMS pumping guard.
 */
@NullMarked
package dev.notify.sms.internal;

import org.jspecify.annotations.NullMarked;
