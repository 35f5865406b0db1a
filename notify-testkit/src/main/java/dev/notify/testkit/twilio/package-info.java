/**
 * A local stand-in for Twilio's Programmable Messaging REST API, for tests of code that sends SMS:
 * {@link dev.notify.testkit.twilio.TwilioPeer} speaks the wire format twilio-java speaks
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json} with form parameters, basic auth, 201
 * with a Message JSON, errors as Twilio's error JSON, Retry-After on 429), is scripted per phone
 * number with {@link dev.notify.testkit.twilio.TwilioAnswer}, records every request as a
 * {@link dev.notify.testkit.twilio.ReceivedSms}, and sends signed status callbacks back
 * ({@link dev.notify.testkit.twilio.TwilioSignatures}). {@link dev.notify.testkit.twilio.TwilioRoutes}
 * points an Apache HttpClient 5 at the peer; it needs {@code httpclient5} on the class path, which
 * notify-sms brings (an optional dependency of the testkit).
 */
@NullMarked
package dev.notify.testkit.twilio;

import org.jspecify.annotations.NullMarked;
