/**
 * Email for notify: {@link dev.notify.email.EmailChannel} (SMTP through Eclipse Angus Mail,
 * configured through its builder), the per-notification {@link dev.notify.email.EmailOptions},
 * and the codec that stores those options in a durable log
 * ({@link dev.notify.email.EmailOptionsCodecProvider}). Everything in
 * {@code dev.notify.email.internal} is implementation and may change at any time.
 */
@NullMarked
package dev.notify.email;

import org.jspecify.annotations.NullMarked;
