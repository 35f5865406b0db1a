/**
 * The SMS channel: {@link dev.notify.sms.SmsChannel} sends through twilio-java on its own
 * {@code TwilioRestClient}, validates numbers to E.164 with libphonenumber, guards against SMS
 * pumping, counts segments ({@link dev.notify.sms.SmsSegments}), and
 * {@link dev.notify.sms.TwilioStatusCallbacks} records Twilio's signed delivery reports.
 * {@link dev.notify.sms.SmsOptions} are a notification's SMS options.
 */
@NullMarked
package dev.notify.sms;

import org.jspecify.annotations.NullMarked;
