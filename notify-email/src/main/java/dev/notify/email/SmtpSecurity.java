package dev.notify.email;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
  /** TLS from the first byte ("implicit TLS", SMTPS, usually port 465). */
  SMTPS,
  /**
   * A plain connection upgraded with {@code STARTTLS} before anything else is sent; a server that
   * does not offer it is refused (usually port 587). The default.
   */
  STARTTLS_REQUIRED,
  /**
   * No encryption at all: credentials and messages cross the network in the clear. Only for a
   * relay on the same host or a test peer.
   */
  NONE
}
