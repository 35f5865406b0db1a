package dev.notify.email.internal;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.Redaction;
import jakarta.mail.MessagingException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one delivery on a pooled transport and classifies the answer. A reused transport that
 * turns out broken before the message was complete (the server closed it while idle, or said
 * 421 for it) is replaced once by a new connection at once: the server cannot have taken the
 * message, so this costs no attempt and sends no duplicate.
 */
public final class SmtpSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);

  private final SmtpSettings settings;
  private final MessageChecks checks;
  private final TransportPool pool;
  private final MessageFactory factory;

  /**
   * Creates the pool (no connection yet: the first send connects).
   *
   * @param settings the builder's settings
   */
  public SmtpSender(SmtpSettings settings) {
    this.settings = settings;
    this.checks = new MessageChecks(settings.maxMessageBytes(),
        settings.attachmentResolver() != null);
    this.pool = new TransportPool(settings);
    this.factory = new MessageFactory(settings, pool.session());
  }

  /**
   * {@return the first rule the message breaks, or {@code null}}
   *
   * @param message the message
   */
  public @Nullable Violation check(OutboundMessage message) {
    return checks.check(message);
  }

  /**
   * {@return the Message-ID every attempt of this delivery carries}
   *
   * @param deliveryId the delivery id
   */
  public String messageId(String deliveryId) {
    return factory.messageId(deliveryId);
  }

  /**
   * Sends, blocking; the lane's blocking pool calls it.
   *
   * @param delivery the delivery
   * @param now the time for the Date header
   * @return the classified result
   * @throws InterruptedException if interrupted while waiting for a free connection
   */
  public DeliveryResult send(Delivery delivery, Instant now) throws InterruptedException {
    Violation violation = checks.check(delivery.message());
    if (violation != null) {
      return violation.toResult();
    }
    MessageFactory.Built built;
    try {
      built = factory.build(delivery, now);
    } catch (AttachmentParts.Unresolved e) {
      return e.result();
    } catch (MessageFactory.BadLink e) {
      LOG.warn("{}: {}", settings.name(), e.getMessage());
      return DeliveryResult.permanent(e.getMessage());
    } catch (MessagingException | RuntimeException e) {
      String address = delivery.message().address().value();
      return DeliveryResult.permanent("the message could not be built: "
          + String.valueOf(e.getMessage()).replace(address, Redaction.mask(address)));
    }
    DeliveryResult result = attempt(built, false);
    if (result == null) {
      // A reused connection was gone before the message was complete: once more on a new one,
      // which always answers.
      result = requireNonNull(attempt(built, true), "a fresh attempt's result");
    }
    if (!(result instanceof DeliveryResult.Sent) && LOG.isDebugEnabled()) {
      LOG.debug("{}: {} to {}: {}", settings.name(), delivery.id(),
          Redaction.mask(delivery.message().address().value()), result);
    }
    return result;
  }

  /**
   * {@return the result; null only when {@code fresh} is false, a reused transport broke before
   * the message was complete, and a retry on a new connection is safe}
   */
  private @Nullable DeliveryResult attempt(MessageFactory.Built built, boolean fresh)
      throws InterruptedException {
    TransportPool.Lease lease;
    try {
      lease = pool.borrow(fresh);
    } catch (MessagingException e) {
      return SmtpClassifier.classifyConnect(e);
    }
    if (lease == null) {
      return DeliveryResult.channelUnavailable("the channel is closed", null);
    }
    boolean keep = false;
    try {
      lease.transport().send(built.message(), built.recipients());
      keep = true;
      return DeliveryResult.sent(built.messageId());
    } catch (MessagingException e) {
      boolean sent = lease.transport().terminatorSent();
      keep = lease.transport().open();
      if (lease.reused() && !fresh && !sent && SmtpClassifier.connectionGone(e)) {
        keep = false;
        return null;
      }
      return SmtpClassifier.classifySend(e, sent);
    } catch (RuntimeException e) {
      return DeliveryResult.retryable("sending failed: " + e);
    } finally {
      pool.giveBack(lease, keep);
    }
  }

  /** {@return how many SMTP connections have been opened; for tests and the README's numbers} */
  public int connects() {
    return pool.connects();
  }

  /** Closes the pool's connections. Idempotent; never throws. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return settings.toString();
  }
}
