package dev.notify.email;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.email.internal.HeaderRules;
import dev.notify.email.internal.SmtpSender;
import dev.notify.email.internal.SmtpSettings;
import dev.notify.email.internal.Violation;
import dev.notify.spi.BlockingChannel;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends email over SMTP through Eclipse Angus Mail, one message per delivery to its one address.
 *
 * <pre>{@code
 * EmailChannel email = EmailChannel.builder()
 *     .server("smtp.example.com", 587)                 // STARTTLS, required by default
 *     .login("notify@example.com", password)
 *     .from("notify@example.com", "Example Shop")
 *     .connections(4)
 *     .build();
 * NotificationClient client = NotificationClient.builder().channel(email).build();
 * }</pre>
 *
 * <p>One instance per SMTP account; thread-safe. SMTP blocks, so this is a {@link BlockingChannel}:
 * the engine runs {@link #sendBlocking} on the lane's blocking pool. Each send takes a connected
 * transport from the channel's pool (at most {@link Builder#connections(int)}; give the lane about
 * as many blocking threads), reuses it for later sends and reconnects when it broke. Every
 * network wait has a finite timeout. The module's README has the classification of SMTP replies.
 * {@link #close()} closes the connections.
 */
public final class EmailChannel implements BlockingChannel, AutoCloseable {
  private final String name;
  private final SmtpSender sender;

  private EmailChannel(String name, SmtpSender sender) {
    this.name = name;
    this.sender = sender;
  }

  /** {@return a builder; a server and a From address are required} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  /** @return {@link ChannelType#EMAIL} */
  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }

  /**
   * Checks, without I/O: the address (one plain ASCII address, strict RFC 822 syntax), a subject
   * and text or HTML, no CR or LF in any header-bound field (subject, custom headers, Reply-To,
   * attachment names and types), no custom header the channel writes itself, and the estimated
   * size against {@link Builder#maxMessageBytes(long)}.
   *
   * @throws dev.notify.InvalidNotificationException naming {@code address},
   *     {@code content.subject}, {@code content}, {@code options.headers},
   *     {@code options.replyTo}, {@code options.attachments} or {@code message} (the size)
   */
  @Override
  public void validate(OutboundMessage message) {
    requireNonNull(message, "message");
    Violation violation = sender.check(message);
    if (violation != null) {
      throw violation.toException();
    }
  }

  /**
   * Sends one delivery on a pooled connection, blocking until the server answers. The
   * Message-ID is derived from {@link Delivery#id()}, so every attempt of a delivery carries the
   * same one, and it is the provider message id of a sent result. A message that breaks a
   * {@link #validate} rule here (after rendering) is answered at once: a bad address as
   * address-invalid, anything else as permanent.
   *
   * @throws InterruptedException if the attempt's deadline passed while waiting for a free
   *     connection
   */
  @Override
  public DeliveryResult sendBlocking(Delivery delivery, ChannelContext context)
      throws InterruptedException {
    requireNonNull(delivery, "delivery");
    requireNonNull(context, "context");
    return sender.send(delivery, context.clock().instant());
  }

  /**
   * {@return the Message-ID every attempt of this delivery carries, angle brackets included}
   *
   * @param deliveryId a delivery id
   */
  public String messageId(String deliveryId) {
    return sender.messageId(requireNonNull(deliveryId, "deliveryId"));
  }

  /** Closes the pooled connections; those in use close when their send ends. Idempotent. */
  @Override
  public void close() {
    sender.close();
  }

  /** Shows the server, the masked login and From, and the pool size; never the password. */
  @Override
  public String toString() {
    return "EmailChannel[" + sender + "]";
  }

  /**
   * Configures an {@link EmailChannel}. Required: {@link #server} and {@link #from}. Not
   * thread-safe.
   */
  public static final class Builder {
    private String name = "email";
    private @Nullable String host;
    private int port;
    private SmtpSecurity security = SmtpSecurity.STARTTLS_REQUIRED;
    private @Nullable String username;
    private @Nullable String password;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private @Nullable InternetAddress from;
    private final List<InternetAddress> replyTo = new ArrayList<>();
    private int connections = 4;
    private Duration idleCheck = Duration.ofSeconds(10);
    private long maxMessageBytes = 10L * 1024 * 1024;
    private @Nullable String messageIdDomain;
    private @Nullable SSLSocketFactory socketFactory;
    private boolean checkServerIdentity = true;
    private @Nullable UnsubscribeLinks unsubscribeLinks;
    private @Nullable AttachmentResolver attachmentResolver;

    private Builder() {
    }

    /**
     * Names the channel.
     *
     * @param name the channel's unique name; default {@code "email"}
     * @return this builder
     */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the SMTP server.
     *
     * @param host the host name; TLS checks the certificate against it
     * @param port the port, 1 to 65535: usually 587 for STARTTLS, 465 for SMTPS
     * @return this builder
     */
    public Builder server(String host, int port) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535: " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * Sets how the connection is protected.
     *
     * @param security default {@link SmtpSecurity#STARTTLS_REQUIRED}
     * @return this builder
     */
    public Builder security(SmtpSecurity security) {
      this.security = requireNonNull(security, "security");
      return this;
    }

    /**
     * Authenticates with a user name and password (SMTP AUTH). Default: no authentication.
     *
     * @param username the login; never logged in full
     * @param password the password; never logged or printed
     * @return this builder
     */
    public Builder login(String username, String password) {
      requireNonNull(username, "username");
      requireNonNull(password, "password");
      if (username.isBlank()) {
        throw new IllegalArgumentException("username must not be blank");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout how long opening a connection may take; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout.
     *
     * @param timeout how long to wait for each reply of the server; default 30 s. Keep it below
     *     the lane's attempt deadline.
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requirePositive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the write timeout.
     *
     * @param timeout how long one write to the server may block; default 30 s
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requirePositive(timeout, "writeTimeout");
      return this;
    }

    /**
     * Sets the From of every message.
     *
     * @param address a plain address, {@code notify@example.com}
     * @param displayName the name shown, any Unicode; {@code null} for none
     * @return this builder
     */
    public Builder from(String address, @Nullable String displayName) {
      this.from = address("from", address, displayName);
      return this;
    }

    /**
     * Adds a default Reply-To address; a notification's {@link EmailOptions#replyTo()} replaces
     * the defaults. Default: none.
     *
     * @param address a plain address
     * @param displayName the name shown, or {@code null}
     * @return this builder
     */
    public Builder replyTo(String address, @Nullable String displayName) {
      this.replyTo.add(address("replyTo", address, displayName));
      return this;
    }

    /**
     * Sets the pool size.
     *
     * @param connections how many SMTP connections to keep open at most; default 4. One
     *     connection carries one message at a time.
     * @return this builder
     */
    public Builder connections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be positive: " + connections);
      }
      this.connections = connections;
      return this;
    }

    /**
     * Sets when an idle connection is checked before use.
     *
     * @param idle a connection unused for this long is probed with NOOP first; default 10 s
     * @return this builder
     */
    public Builder idleCheck(Duration idle) {
      requireNonNull(idle, "idle");
      if (idle.isNegative()) {
        throw new IllegalArgumentException("idleCheck must not be negative: " + idle);
      }
      this.idleCheck = idle;
      return this;
    }

    /**
     * Sets the size limit {@code validate} enforces.
     *
     * @param bytes the largest estimated encoded message, attachments included; default 10 MiB.
     *     Set it to the server's SIZE limit or below.
     * @return this builder
     */
    public Builder maxMessageBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + bytes);
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * Sets the domain of Message-IDs and of the EHLO greeting.
     *
     * @param domain a host name; default the From address's domain
     * @return this builder
     */
    public Builder messageIdDomain(String domain) {
      requireNonNull(domain, "domain");
      if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*"
          + "[A-Za-z0-9])?)*")) {
        throw new IllegalArgumentException("messageIdDomain must be a host name: '" + domain
            + "'");
      }
      this.messageIdDomain = domain;
      return this;
    }

    /**
     * Uses this factory for TLS instead of the JDK's default: to trust a private CA or a test
     * server's certificate. Default: the JDK's trust store.
     *
     * @param factory the socket factory
     * @return this builder
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.socketFactory = requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Whether the server's certificate must name the host. Default true; turn it off only for
     * a test server whose certificate names another host.
     *
     * @param check false to skip the host name check
     * @return this builder
     */
    public Builder checkServerIdentity(boolean check) {
      this.checkServerIdentity = check;
      return this;
    }

    /**
     * Writes {@code List-Unsubscribe} with RFC 8058's one-click {@code List-Unsubscribe-Post}
     * on every message the links make a link for. Default: none (transactional mail). Bulk
     * senders need it, and a DKIM signature that covers both headers (the relay's job).
     *
     * @param links makes the link per recipient and category
     * @return this builder
     */
    public Builder unsubscribeLinks(UnsubscribeLinks links) {
      this.unsubscribeLinks = requireNonNull(links, "links");
      return this;
    }

    /**
     * Reads attachments given by reference ({@link EmailAttachment#reference}) at send. Default:
     * none, and {@code validate} refuses references.
     *
     * @param resolver reads a reference's bytes, on the lane's blocking pool
     * @return this builder
     */
    public Builder attachmentResolver(AttachmentResolver resolver) {
      this.attachmentResolver = requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * {@return the channel; no connection is opened until the first send}
     *
     * @throws IllegalStateException if the server or the From address is missing
     */
    public EmailChannel build() {
      if (host == null) {
        throw new IllegalStateException("an SMTP server is required: call server(host, port)");
      }
      if (from == null) {
        throw new IllegalStateException("a From address is required: call from(address, name)");
      }
      String domain = messageIdDomain != null ? messageIdDomain
          : from.getAddress().substring(from.getAddress().indexOf('@') + 1);
      SmtpSettings settings = new SmtpSettings(name, host, port, security, username, password,
          connectTimeout, readTimeout, writeTimeout, from, replyTo, connections, idleCheck,
          maxMessageBytes, domain, socketFactory, checkServerIdentity, unsubscribeLinks,
          attachmentResolver);
      return new EmailChannel(name, new SmtpSender(settings));
    }

    private static InternetAddress address(String what, String address,
        @Nullable String displayName) {
      requireNonNull(address, what);
      String rule = HeaderRules.address(what, address);
      if (rule == null && displayName != null) {
        rule = HeaderRules.singleLine(what + "'s display name", displayName);
      }
      if (rule != null) {
        throw new IllegalArgumentException(rule);
      }
      try {
        InternetAddress a = new InternetAddress(address, true);
        if (displayName != null) {
          a.setPersonal(displayName, StandardCharsets.UTF_8.name());
        }
        return a;
      } catch (AddressException | UnsupportedEncodingException e) {
        throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
      }
    }

    private static Duration requirePositive(Duration d, String name) {
      requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
