package dev.notify.email.internal;

import dev.notify.email.AttachmentResolver;
import dev.notify.email.SmtpSecurity;
import dev.notify.email.UnsubscribeLinks;
import dev.notify.spi.Redaction;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the builder collected, checked and immutable.
 *
 * @param name the channel's name
 * @param host the SMTP server
 * @param port its port
 * @param security SMTPS, STARTTLS or none
 * @param username the login, or {@code null} for no authentication
 * @param password the password, or {@code null}
 * @param connectTimeout the connect timeout
 * @param readTimeout how long to wait for each server reply
 * @param writeTimeout how long one write may block
 * @param from the default From (address and display name)
 * @param replyTo the default Reply-To addresses
 * @param connections how many connected transports the pool keeps at most
 * @param idleCheck a transport idle this long is checked with NOOP before it is used
 * @param maxMessageBytes the estimated size limit {@code validate} enforces
 * @param messageIdDomain the right-hand side of every Message-ID
 * @param socketFactory the TLS socket factory, or {@code null} for the JDK's default
 * @param checkServerIdentity whether the server certificate must match the host name
 * @param unsubscribeLinks makes List-Unsubscribe links, or {@code null} for none
 * @param attachmentResolver reads attachments by reference, or {@code null} for none
 */
public record SmtpSettings(String name, String host, int port, SmtpSecurity security,
    @Nullable String username, @Nullable String password, Duration connectTimeout,
    Duration readTimeout, Duration writeTimeout, InternetAddress from,
    List<InternetAddress> replyTo, int connections, Duration idleCheck, long maxMessageBytes,
    String messageIdDomain, @Nullable SSLSocketFactory socketFactory,
    boolean checkServerIdentity, @Nullable UnsubscribeLinks unsubscribeLinks,
    @Nullable AttachmentResolver attachmentResolver) {

  /**
   * Copies the Reply-To list.
   *
   * @param name the channel's name
   * @param host the SMTP server
   * @param port its port
   * @param security SMTPS, STARTTLS or none
   * @param username the login, or {@code null} for no authentication
   * @param password the password, or {@code null}
   * @param connectTimeout the connect timeout
   * @param readTimeout how long to wait for each server reply
   * @param writeTimeout how long one write may block
   * @param from the default From (address and display name)
   * @param replyTo the default Reply-To addresses
   * @param connections how many connected transports the pool keeps at most
   * @param idleCheck a transport idle this long is checked with NOOP before it is used
   * @param maxMessageBytes the estimated size limit {@code validate} enforces
   * @param messageIdDomain the right-hand side of every Message-ID
   * @param socketFactory the TLS socket factory, or {@code null} for the JDK's default
   * @param checkServerIdentity whether the server certificate must match the host name
   * @param unsubscribeLinks makes List-Unsubscribe links, or {@code null} for none
   * @param attachmentResolver reads attachments by reference, or {@code null} for none
   */
  public SmtpSettings {
    replyTo = List.copyOf(replyTo);
  }

  /** Shows the server and masked identities; never the password. */
  @Override
  public String toString() {
    return "name=" + name + ", server=" + host + ":" + port + ", security=" + security
        + ", username=" + (username == null ? "none" : Redaction.mask(username)) + ", from="
        + Redaction.mask(from.getAddress()) + ", connections=" + connections;
  }
}
