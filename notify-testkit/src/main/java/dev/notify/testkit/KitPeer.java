package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import dev.notify.Notification;
import dev.notify.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * A provider peer's side of {@link ChannelCompatibilityKit}: how to play each of the kit's
 * scenarios in the peer's protocol, where to send, and what the peer accepted. A peer offers one
 * through {@link ProviderPeer#kit()}, nearly always built from the peer's own answers with
 * {@link #scripting(ProviderPeer)}:
 *
 * <pre>{@code
 * @Override
 * protected KitPeer kit() {
 *   return KitPeer.scripting(this)
 *       .addresses(i -> Recipient.address(WebhookChannel.TYPE, "room-" + i))
 *       .accept(Answer.accept())
 *       .permanentRejection(Answer.status(422))
 *       .transientFailure(Answer.status(500))         // then accept
 *       .addressInvalid(Answer.status(410))
 *       .channelUnavailable(Answer.status(503))       // every address, until restored
 *       .build();
 * }
 * }</pre>
 *
 * <p>Every method is called on the kit's test thread and may block.
 */
public interface KitPeer {

  /**
   * {@return a syntactically valid address of the channel's type, different for each {@code i},
   * that the peer accepts unless scripted otherwise}
   *
   * @param i 0 to 999
   */
  Recipient.Address address(int i);

  /**
   * Adds content the channel can send. Default: title, body, subject and text of a few words
   * each.
   *
   * @param notification a builder with the id and recipient set
   * @return the same builder
   */
  default Notification.Builder withContent(Notification.Builder notification) {
    return notification.title("Hello").body("A compatibility kit message").subject("Hello")
        .text("A compatibility kit message");
  }

  /**
   * Adds content too large for the provider (and so for the channel's {@code validate}), while
   * within the client's own limits: the bulk in the body or text, at most 4,096 bytes of
   * {@code data}.
   *
   * @param notification a builder with the id and a direct address set
   * @return the same builder
   * @throws UnsupportedOperationException if the limit is the channel's rather than the
   *     provider's; the kit subclass then overrides
   *     {@link ChannelCompatibilityKit#withOversizedContent(Notification.Builder)}
   */
  Notification.Builder withOversizedContent(Notification.Builder notification);

  /**
   * Scripts the peer to accept every message to {@code address}.
   *
   * @param address the address the test sends to
   */
  void scriptAccept(Recipient.Address address);

  /**
   * Scripts the peer to reject every message to {@code address} in a way the channel classifies
   * as a permanent failure of that message (not of the address, not of the channel).
   *
   * @param address the address the test sends to
   */
  void scriptPermanentRejection(Recipient.Address address);

  /**
   * Scripts the peer to fail the first message to {@code address} transiently (retryable, with
   * no Retry-After or a short one) and to accept the next.
   *
   * @param address the address the test sends to
   */
  void scriptTransientFailureThenSuccess(Recipient.Address address);

  /**
   * Scripts the peer to report {@code address} invalid or unregistered (APNs 410 Unregistered,
   * FCM UNREGISTERED, Twilio 21211, SMTP 550 no such user).
   *
   * @param address the address the test sends to
   * @param invalidatedAt when the address stopped being valid, in the past and in whole
   *     milliseconds; a peer that can say so reports it (see {@link #providesInvalidationTime()})
   */
  void scriptAddressInvalid(Recipient.Address address, Instant invalidatedAt);

  /**
   * {@return true if the peer reports when an address became invalid (APNs does), so the kit
   * expects that time on the event and in the directory's decision; false if it reports none}
   */
  boolean providesInvalidationTime();

  /**
   * Makes the whole channel unavailable for every address: an outage, account-wide throttling or
   * a configuration error the peer reports (bad credentials), which the channel must answer with
   * {@code ChannelUnavailable}.
   */
  void scriptChannelUnavailable();

  /** Ends what {@link #scriptChannelUnavailable()} started: the peer accepts messages again. */
  void restore();

  /**
   * {@return how many messages the peer accepted since the test started; rejected messages and
   * messages that never arrived do not count}
   */
  int acceptedCount();

  /**
   * Waits until the peer accepted at least {@code count} messages since the test started.
   *
   * @param count how many accepted messages to wait for
   * @param timeout how long to wait at most
   * @return the address value of every message accepted so far, in the order accepted
   * @throws AssertionError if they are not accepted in time
   */
  List<String> awaitAccepted(int count, Duration timeout);

  /**
   * {@return a builder of the kit's side of {@code peer} from the peer's own answers: each
   * scenario scripts them with {@link ProviderPeer#respond}, the unavailable channel with
   * {@link ProviderPeer#respondByDefault} and its end with {@link ProviderPeer#resetScript()};
   * accepted messages are read from {@link ProviderPeer#received()}}
   *
   * @param <A> the peer's answer type
   * @param peer the peer, which must record what it receives
   */
  static <A> Builder<A> scripting(ProviderPeer<A, ?> peer) {
    return new Builder<>(requireNonNull(peer, "peer"));
  }

  /**
   * Builds a {@link KitPeer} from a peer's answers. The addresses and the five answers (accept,
   * permanent rejection, transient failure, address invalid, channel unavailable) are required;
   * content has defaults.
   *
   * @param <A> the peer's answer type
   */
  final class Builder<A> {
    final ProviderPeer<A, ?> peer;
    IntFunction<Recipient.Address> addresses;
    UnaryOperator<Notification.Builder> content;
    UnaryOperator<Notification.Builder> oversizedContent;
    A accept;
    A permanentRejection;
    A transientFailure;
    Function<Instant, A> addressInvalid;
    boolean providesInvalidationTime;
    Runnable unavailable;
    Runnable restore;

    private Builder(ProviderPeer<A, ?> peer) {
      this.peer = peer;
    }

    /**
     * Sets where the kit sends.
     *
     * @param addresses a valid address of the channel's type for each {@code i} from 0 to 999,
     *     different for each
     * @return this builder
     */
    public Builder<A> addresses(IntFunction<Recipient.Address> addresses) {
      this.addresses = requireNonNull(addresses, "addresses");
      return this;
    }

    /**
     * Sets the content of the kit's messages.
     *
     * @param content adds content the channel can send; default as
     *     {@link KitPeer#withContent(Notification.Builder)}
     * @return this builder
     */
    public Builder<A> content(UnaryOperator<Notification.Builder> content) {
      this.content = requireNonNull(content, "content");
      return this;
    }

    /**
     * Sets content too large for the provider.
     *
     * @param oversizedContent adds it; see
     *     {@link KitPeer#withOversizedContent(Notification.Builder)}. Default: none, for a limit
     *     that is the channel's rather than the provider's.
     * @return this builder
     */
    public Builder<A> oversizedContent(UnaryOperator<Notification.Builder> oversizedContent) {
      this.oversizedContent = requireNonNull(oversizedContent, "oversizedContent");
      return this;
    }

    /**
     * Sets the answer that accepts a message.
     *
     * @param accept the answer
     * @return this builder
     */
    public Builder<A> accept(A accept) {
      this.accept = requireNonNull(accept, "accept");
      return this;
    }

    /**
     * Sets the answer the channel must classify as a permanent failure of the message.
     *
     * @param permanentRejection the answer
     * @return this builder
     */
    public Builder<A> permanentRejection(A permanentRejection) {
      this.permanentRejection = requireNonNull(permanentRejection, "permanentRejection");
      return this;
    }

    /**
     * Sets the answer the channel must classify as retryable; the kit scripts it once, then
     * {@link #accept(Object) accept}.
     *
     * @param transientFailure the answer
     * @return this builder
     */
    public Builder<A> transientFailure(A transientFailure) {
      this.transientFailure = requireNonNull(transientFailure, "transientFailure");
      return this;
    }

    /**
     * Sets the answer that says an address is invalid, for a protocol that does not say since
     * when.
     *
     * @param addressInvalid the answer
     * @return this builder
     */
    public Builder<A> addressInvalid(A addressInvalid) {
      requireNonNull(addressInvalid, "addressInvalid");
      this.addressInvalid = at -> addressInvalid;
      this.providesInvalidationTime = false;
      return this;
    }

    /**
     * Sets the answer that says an address is invalid since an instant, for a protocol that says
     * so (APNs' 410 with its timestamp); the kit then expects that instant on the event.
     *
     * @param addressInvalid the answer for an address invalid since the given instant
     * @return this builder
     */
    public Builder<A> addressInvalidSince(Function<Instant, A> addressInvalid) {
      this.addressInvalid = requireNonNull(addressInvalid, "addressInvalid");
      this.providesInvalidationTime = true;
      return this;
    }

    /**
     * Sets the answer for every address while the channel is unavailable (the peer's default
     * answer until {@link KitPeer#restore()}, which resets the peer's script).
     *
     * @param unavailable the answer the channel must classify as {@code ChannelUnavailable}
     * @return this builder
     */
    public Builder<A> channelUnavailable(A unavailable) {
      requireNonNull(unavailable, "unavailable");
      this.unavailable = () -> peer.respondByDefault(unavailable);
      this.restore = peer::resetScript;
      return this;
    }

    /**
     * Sets how the channel is made unavailable when no answer expresses it, e.g.
     * {@code channelUnavailable(peer::stop, peer::restart)} for a peer whose outage the channel
     * reports as unavailable.
     *
     * @param begin makes every send fail as {@code ChannelUnavailable}
     * @param end makes the peer accept messages again
     * @return this builder
     */
    public Builder<A> channelUnavailable(Runnable begin, Runnable end) {
      this.unavailable = requireNonNull(begin, "begin");
      this.restore = requireNonNull(end, "end");
      return this;
    }

    /**
     * {@return the kit's side of the peer}
     *
     * @throws IllegalStateException naming each required setting that is missing
     */
    public KitPeer build() {
      List<String> missing = new ArrayList<>();
      if (addresses == null) {
        missing.add("addresses(i -> ...)");
      }
      if (accept == null) {
        missing.add("accept(...)");
      }
      if (permanentRejection == null) {
        missing.add("permanentRejection(...)");
      }
      if (transientFailure == null) {
        missing.add("transientFailure(...)");
      }
      if (addressInvalid == null) {
        missing.add("addressInvalid(...) or addressInvalidSince(...)");
      }
      if (unavailable == null) {
        missing.add("channelUnavailable(...)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("the kit's side of " + peer.name() + " needs "
            + String.join(", ", missing));
      }
      return new ScriptedKitPeer<>(this);
    }
  }
}
