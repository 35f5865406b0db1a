package dev.notify.spi;

import dev.notify.ChannelType;
import dev.notify.policy.RateLimit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One configured provider account that delivers messages: an APNs key, an FCM project, a Twilio
 * account, an SMTP server, or a custom provider. Implement this to add a channel; register it with
 * {@code NotificationClient.builder().channel(...)} or ship a {@link ChannelProvider}.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>{@link #validate} runs on the caller's thread inside {@code send}; it must be fast and must
 *       not do I/O.</li>
 *   <li>{@link #send} runs on one of the channel lane's threads and must not block for long. An
 *       asynchronous client (pushy) returns its future; a blocking client (firebase-admin,
 *       twilio-java, SMTP) implements {@link BlockingChannel} instead, whose sends the engine runs
 *       on the lane's blocking pool. The returned stage may complete on any thread (a Netty event
 *       loop, say): the engine hops back to the lane's executor before it touches the log or
 *       listeners.</li>
 *   <li>At most the lane's {@code maxInFlight} sends are outstanding at once.</li>
 * </ul>
 *
 * <h2>Results</h2>
 * A provider's answer is a {@link DeliveryResult}, never an exception. An exception thrown by
 * {@code send} or a failed stage is counted as a retryable error.
 */
public interface Channel {

  /** {@return the unique name of this channel instance, e.g. {@code "apns"} or {@code "sms-eu"}} */
  String name();

  /** {@return the type of addresses this channel delivers to} */
  ChannelType type();

  /**
   * Checks what can be checked before anything is stored: address syntax, the content parts this
   * channel needs, size limits, this channel's options.
   *
   * @param message the message as it would be sent
   * @throws dev.notify.InvalidNotificationException naming the field (relative to the message, e.g.
   *     {@code address} or {@code content.body}) and the rule
   */
  void validate(OutboundMessage message);

  /**
   * Called once when the client is built, before any {@link #send}. Override to take the lane's
   * executor or clock.
   *
   * @param context this channel's context
   */
  default void start(ChannelContext context) {
  }

  /**
   * Sends one delivery.
   *
   * @param delivery what to send and to whom
   * @param context the lane's executor, scheduler, clock and receipt sink
   * @return a stage that completes with the classified result
   */
  CompletionStage<DeliveryResult> send(Delivery delivery, ChannelContext context);

  /**
   * {@return the provider's throughput limit for this channel's account or sender (Twilio: about
   * 1 message a second from a long code), which its lane is paced to unless the client's builder
   * sets one for this channel with {@code throughput(name, limit)}}. Called once when the client
   * is built. The default is none: the lane sends as fast as its in-flight bound allows.
   */
  default Optional<RateLimit> throughput() {
    return Optional.empty();
  }

  /**
   * Releases connections and threads. Called once by the client's shutdown, after the lane has
   * stopped; must not throw. The default does nothing, for a channel that holds nothing.
   */
  default void close() {
  }
}
