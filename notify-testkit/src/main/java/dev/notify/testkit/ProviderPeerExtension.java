package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link ProviderPeer} for JUnit 5 tests and closes it afterwards, and hands it to any
 * test, {@code @BeforeEach} or {@code @BeforeAll} method that declares a parameter of its type
 * (modelled on OkHttp's {@code mockwebserver-junit5}). Register it with
 * {@code @RegisterExtension}:
 *
 * <ul>
 *   <li>on a {@code static} field, one peer serves the whole class: started before the first
 *       test, {@linkplain ProviderPeer#reset() reset} before each (script and record forgotten,
 *       restarted if a test stopped it), closed after the last;</li>
 *   <li>on an instance field, each test gets a fresh peer, closed after the test.</li>
 * </ul>
 *
 * <pre>{@code
 * class ApnsChannelSendTest {
 *   @RegisterExtension
 *   static final ProviderPeerExtension<MockApnsPeer> APNS =
 *       ProviderPeerExtension.of(MockApnsPeer::start);
 *   private static ApnsChannel channel;
 *
 *   @BeforeAll
 *   static void pointTheChannelAtThePeer(MockApnsPeer peer) {
 *     channel = ApnsChannel.builder().server(peer.host(), peer.port())...build();
 *   }
 *
 *   @Test
 *   void acceptedPushArrives(MockApnsPeer peer) {
 *     ... channel.send(...) ...
 *     assertThat(peer.awaitReceived(1, Duration.ofSeconds(10))).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Two extensions whose peers share a type cannot both inject parameters of that type (JUnit
 * reports the ambiguity); use {@link #peer()} on each instead. Meant for sequential tests: a peer
 * shared by a class is reset before each test, which would disturb tests running in parallel.
 *
 * @param <P> the peer's type
 */
public final class ProviderPeerExtension<P extends ProviderPeer<?, ?>> implements
    BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Supplier<? extends P> start;
  private volatile P peer;
  /** The unique id of the class whose {@code beforeAll} started the peer; null if per test. */
  private volatile String sharedBy;

  private ProviderPeerExtension(Supplier<? extends P> start) {
    this.start = start;
  }

  /**
   * {@return an extension that starts its peers with {@code start}}
   *
   * @param <P> the peer's type
   * @param start returns a running peer, e.g. {@code MockApnsPeer::start} or
   *     {@code () -> MockApnsPeer.builder().clientCertificateAuth(true).start()}
   */
  public static <P extends ProviderPeer<?, ?>> ProviderPeerExtension<P> of(
      Supplier<? extends P> start) {
    return new ProviderPeerExtension<>(requireNonNull(start, "start"));
  }

  /**
   * {@return the running peer}
   *
   * @throws IllegalStateException outside the tests the extension serves
   */
  public P peer() {
    P current = peer;
    if (current == null) {
      throw new IllegalStateException("no peer: the extension starts it before each test (on an"
          + " instance field) or before all tests (on a static field); use it inside those");
    }
    return current;
  }

  /**
   * Starts the peer that the whole class shares, when the extension is on a static field.
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (peer == null) {
      peer = startPeer();
      sharedBy = context.getUniqueId();
    }
  }

  /**
   * Resets the shared peer, or starts this test's own.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    P current = peer;
    if (current != null && sharedBy != null) {
      current.reset();
    } else if (current == null) {
      peer = startPeer();
    }
  }

  /**
   * Closes this test's own peer.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (sharedBy == null) {
      closePeer();
    }
  }

  /**
   * Closes the shared peer after the class that started it.
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(sharedBy)) {
      sharedBy = null;
      closePeer();
    }
  }

  /**
   * {@return true for a parameter of the running peer's type (or a supertype that is a peer)}
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    P current = peer;
    return current != null && ProviderPeer.class.isAssignableFrom(type)
        && type.isInstance(current);
  }

  /**
   * {@return the running peer}
   *
   * @param parameter the parameter
   * @param context the context it is resolved in
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return peer();
  }

  private P startPeer() {
    return requireNonNull(start.get(), "the start function returned no peer");
  }

  private void closePeer() {
    P current = peer;
    peer = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public String toString() {
    return "ProviderPeerExtension[" + (peer == null ? "no peer" : peer) + ", "
        + (sharedBy == null ? "per test" : "per class") + "]";
  }
}
