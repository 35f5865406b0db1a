package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import dev.notify.spi.ChannelContext;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.spi.Scheduler;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working part of {@code ApnsChannel}: owns the pushy client (and its event loop group unless
 * the caller shared one), prepares requests and classifies answers. Thread-safe.
 */
public final class ApnsSender {
  private static final Logger log = LoggerFactory.getLogger(ApnsSender.class);

  private final ApnsSettings settings;
  private final ApnsRequestFactory requests;
  private final ConnectionGate gate;
  private final EventLoopGroup ownGroup;
  private final ApnsClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the pushy client. No connection is made until the first send.
   *
   * @param settings checked settings
   * @throws IllegalArgumentException if pushy cannot use the shared event loop group
   * @throws IllegalStateException if TLS cannot be set up with the given material
   */
  public ApnsSender(ApnsSettings settings) {
    this.settings = settings;
    this.requests = new ApnsRequestFactory(settings.topic(), settings.defaultExpiration());
    this.gate = new ConnectionGate(settings.connections());
    if (settings.sharedGroup() != null) {
      EventLoops.checkSupported(settings.sharedGroup());
    }
    EventLoopGroup group = settings.sharedGroup();
    this.ownGroup = group == null ? EventLoops.create(settings.name(),
        Math.min(settings.connections(), Runtime.getRuntime().availableProcessors())) : null;
    try {
      this.client = newClient(settings, group != null ? group : ownGroup, gate);
    } catch (RuntimeException e) {
      if (ownGroup != null) {
        ownGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      }
      throw e;
    }
  }

  private static ApnsClient newClient(ApnsSettings settings, EventLoopGroup group,
      ConnectionGate gate) {
    ApnsClientBuilder builder = new ApnsClientBuilder()
        .setApnsServer(settings.host(), settings.port())
        .setEventLoopGroup(group)
        .setConcurrentConnections(settings.connections())
        .setConnectionTimeout(settings.connectTimeout())
        .setGracefulShutdownTimeout(settings.shutdownTimeout())
        .setMetricsListener(gate);
    if (settings.signingKey() != null) {
      builder.setSigningKey(settings.signingKey());
    } else {
      builder.setClientCredentials(settings.clientCertificate(), settings.clientKey(), null);
    }
    if (!settings.trustedServerCertificates().isEmpty()) {
      builder.setTrustedServerCertificateChain(
          settings.trustedServerCertificates().toArray(new java.security.cert.X509Certificate[0]));
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("could not set up TLS for APNs channel '" + settings.name()
          + "': " + e.getMessage(), e);
    }
  }

  /**
   * {@return the rule the message breaks, or null}
   *
   * @param message the message
   */
  public Violation check(OutboundMessage message) {
    return requests.check(message);
  }

  /**
   * Sends one delivery without blocking. The stage completes on pushy's event loop (or on the
   * context's scheduler for a timeout) with the classified result; it never fails.
   *
   * @param delivery what to send
   * @param context the lane's context: its scheduler runs the request timeout, its clock sets
   *     the default expiration
   * @return the classified result
   */
  public CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context) {
    if (closed.get()) {
      return CompletableFuture.completedFuture(
          DeliveryResult.channelUnavailable("APNs channel '" + settings.name() + "' is closed",
              null));
    }
    Prepared prepared = requests.prepare(delivery.message());
    if (prepared instanceof Violation violation) {
      return CompletableFuture.completedFuture(violation.toResult());
    }
    ApnsRequest request = (ApnsRequest) prepared;
    ConnectionGate.Admission admission = gate.admit();
    if (admission == ConnectionGate.Admission.REFUSED) {
      return CompletableFuture.completedFuture(gate.refusal());
    }
    ApnsNotification notification =
        requests.notification(request, delivery.id(), context.clock().instant());
    CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
    Duration timeout = settings.requestTimeout();
    Scheduler.Scheduled timer = context.scheduler().schedule(() -> result.complete(
        DeliveryResult.retryable("no answer from APNs within " + timeout)), timeout);
    try {
      client.sendNotification(notification).whenComplete((response, failure) -> {
        timer.cancel();
        DeliveryResult outcome = response != null
            ? classify(response, notification)
            : ResponseClassifier.classifyFailure(failure);
        DeliveryResult reported = gate.completed(admission, response != null, failure, outcome);
        if (!result.complete(reported)) {
          log.debug("APNs channel '{}': answer after the timeout for {}: {}", settings.name(),
              notification, outcome);
        }
        logOutcome(notification, reported);
      });
    } catch (RuntimeException e) {
      timer.cancel();
      DeliveryResult outcome = ResponseClassifier.classifyFailure(e);
      result.complete(gate.completed(admission, false, e, outcome));
    }
    return result;
  }

  private static DeliveryResult classify(PushNotificationResponse<?> response,
      ApnsNotification notification) {
    return ResponseClassifier.classify(response, notification.request(),
        notification.getApnsId());
  }

  private void logOutcome(ApnsNotification notification, DeliveryResult outcome) {
    if (outcome instanceof DeliveryResult.Sent) {
      return;
    }
    if (outcome instanceof DeliveryResult.ChannelUnavailable unavailable
        && unavailable.configurationError()) {
      log.warn("APNs channel '{}' is misconfigured: {}", settings.name(), unavailable.reason());
    } else if (log.isDebugEnabled()) {
      log.debug("APNs channel '{}': {} -> {}", settings.name(), notification, outcome);
    }
  }

  /**
   * Closes the pushy client, waiting up to the shutdown timeout for in-flight answers, then the
   * event loop group if the channel owns it. Idempotent; never throws.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long timeoutMillis = settings.shutdownTimeout().toMillis();
    try {
      client.close().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("APNs channel '{}' did not close cleanly within {} ms: {}", settings.name(),
          timeoutMillis, e.toString());
    }
    if (ownGroup != null) {
      ownGroup.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(timeoutMillis + 1000);
    }
  }

  @Override
  public String toString() {
    return settings.toString();
  }
}
