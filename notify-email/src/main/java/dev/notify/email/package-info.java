/**
 * Email for notify: {@link dev.notify.email.EmailChannel} (SMTP through Eclipse Angus Mail,
 * configured through its builder, with {@link dev.notify.email.SmtpSecurity}), the
 * per-notification {@link dev.notify.email.EmailOptions} with their
 * {@link dev.notify.email.EmailAttachment}s, the hooks a host plugs in
 * ({@link dev.notify.email.UnsubscribeLinks} for RFC 8058 one-click unsubscribe,
 * {@link dev.notify.email.AttachmentResolver} for attachments by reference), bounce reading
 * ({@link dev.notify.email.DsnParser}, {@link dev.notify.email.Bounce}), the properties provider
 * ({@link dev.notify.email.EmailChannelProvider}) and the codec that stores the options in a
 * durable log ({@link dev.notify.email.EmailOptionsCodecProvider}). Everything in
 * {@code dev.notify.email.internal} is implementation and may change at any time.
 */
@NullMarked
package dev.notify.email;

import org.jspecify.annotations.NullMarked;
