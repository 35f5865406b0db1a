/**
 * Local SMTP peers for tests of code that sends email, both {@link dev.notify.testkit.ProviderPeer}s:
 *
 * <ul>
 *   <li>{@link dev.notify.testkit.smtp.SmtpPeer}, a small SMTP server on a local socket whose
 *       answers are scripted per recipient ({@link dev.notify.testkit.smtp.SmtpAnswer}: 4xx and
 *       5xx replies at RCPT TO or at the end of DATA, a drop or a stall mid-DATA, silence after
 *       DATA), with a greeting, a MAIL FROM reply and a login that can be set, and a count of
 *       SMTP sessions. It records {@link dev.notify.testkit.smtp.ReceivedEmail}s and plays
 *       {@link dev.notify.testkit.ChannelCompatibilityKit}'s scenarios. Needs nothing but the
 *       JDK.</li>
 *   <li>{@link dev.notify.testkit.smtp.GreenMailSmtpPeer}, GreenMail with SMTP and SMTPS, which
 *       accepts every message and records it parsed
 *       ({@link dev.notify.testkit.smtp.ReceivedMimeMessage}), for checks of MIME structure on
 *       the server side. Needs GreenMail, Jakarta Mail and Angus Mail on the test class path
 *       (optional dependencies of the testkit).</li>
 * </ul>
 */
@NullMarked
package dev.notify.testkit.smtp;

import org.jspecify.annotations.NullMarked;
