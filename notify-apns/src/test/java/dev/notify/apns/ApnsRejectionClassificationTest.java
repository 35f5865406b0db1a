package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.PeerResponse;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rejection APNs can send, answered by the real peer and classified by the channel. */
class ApnsRejectionClassificationTest {
  /** The README's table, for the channel's default topic. */
  private static final Map<RejectionReason, Kind> EXPECTED = new EnumMap<>(RejectionReason.class);

  static {
    EXPECTED.put(RejectionReason.BAD_DEVICE_TOKEN, Kind.ADDRESS_INVALID);
    EXPECTED.put(RejectionReason.DEVICE_TOKEN_NOT_FOR_TOPIC, Kind.ADDRESS_INVALID);
    EXPECTED.put(RejectionReason.UNREGISTERED, Kind.ADDRESS_INVALID);

    EXPECTED.put(RejectionReason.PAYLOAD_TOO_LARGE, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.PAYLOAD_EMPTY, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.BAD_COLLAPSE_ID, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.BAD_EXPIRATION_DATE, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.BAD_MESSAGE_ID, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.BAD_PRIORITY, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.DUPLICATE_HEADERS, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.INVALID_PUSH_TYPE, Kind.PERMANENT);
    EXPECTED.put(RejectionReason.MISSING_DEVICE_TOKEN, Kind.PERMANENT);

    EXPECTED.put(RejectionReason.BAD_TOPIC, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.TOPIC_DISALLOWED, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.MISSING_TOPIC, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.BAD_CERTIFICATE, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.BAD_CERTIFICATE_ENVIRONMENT, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.FORBIDDEN, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.INVALID_PROVIDER_TOKEN, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.MISSING_PROVIDER_TOKEN, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.BAD_PATH, Kind.CONFIGURATION);
    EXPECTED.put(RejectionReason.METHOD_NOT_ALLOWED, Kind.CONFIGURATION);

    EXPECTED.put(RejectionReason.EXPIRED_PROVIDER_TOKEN, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.TOO_MANY_PROVIDER_TOKEN_UPDATES, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.TOO_MANY_REQUESTS, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.IDLE_TIMEOUT, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.INTERNAL_SERVER_ERROR, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.SERVICE_UNAVAILABLE, Kind.RETRYABLE);
    EXPECTED.put(RejectionReason.SHUTDOWN, Kind.RETRYABLE);
  }

  private static final AtomicLong TOKENS = new AtomicLong(1000);
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);
  private static ApnsChannel channel;

  private final MockApnsPeer peer = APNS.peer();
  private final ManualChannelContext context =
      ManualChannelContext.builder().channelName("apns").build();

  @BeforeAll
  static void start(MockApnsPeer peer) {
    channel = PeerChannels.forPeer(peer).build();
  }

  @AfterAll
  static void stop() {
    channel.close();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  private DeliveryResult send(Delivery delivery) throws Exception {
    return channel.send(delivery, context).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String scripted(PeerResponse... responses) {
    String token = token(TOKENS.incrementAndGet());
    peer.respond(token, responses);
    return token;
  }

  @Test
  void everyReasonThePeerCanSendHasAnExpectation() {
    assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(RejectionReason.values());
  }

  @ParameterizedTest
  @EnumSource(value = RejectionReason.class, names = "UNREGISTERED", mode = EnumSource.Mode.EXCLUDE)
  void rejectionIsClassifiedAsTheReadmeSays(RejectionReason reason) throws Exception {
    String token = scripted(PeerResponse.reject(reason));

    DeliveryResult result = send(message().to(token).delivery());

    assertThat(Kind.of(result)).as("%s -> %s", reason, result).isEqualTo(EXPECTED.get(reason));
    assertThat(Kind.reason(result)).startsWith(appleReason(reason) + " (HTTP ");
  }

  @Test
  void unregisteredCarriesItsInvalidationTimestamp() throws Exception {
    Instant invalidatedAt = Instant.parse("2026-03-04T05:06:07.890Z");
    String token = scripted(PeerResponse.unregistered(invalidatedAt));

    DeliveryResult result = send(message().to(token).delivery());

    assertThat(result).isEqualTo(
        DeliveryResult.addressInvalid("Unregistered (HTTP 410)", invalidatedAt));
  }

  @ParameterizedTest
  @EnumSource(value = RejectionReason.class, names = {"BAD_TOPIC", "TOPIC_DISALLOWED"})
  void topicRejectionOfAPerNotificationTopicIsPermanent(RejectionReason reason) throws Exception {
    String token = scripted(PeerResponse.reject(reason));

    DeliveryResult result = send(message().to(token)
        .options(ApnsOptions.builder().topic("com.example.not-ours").build()).delivery());

    assertThat(Kind.of(result)).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void topicRejectionOfTheDerivedVoipTopicIsPermanent() throws Exception {
    String token = scripted(PeerResponse.reject(RejectionReason.BAD_TOPIC));

    DeliveryResult result = send(message().to(token)
        .options(ApnsOptions.builder().pushType(ApnsPushType.VOIP).build()).delivery());

    assertThat(Kind.of(result)).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void transientFailureThenSuccess() throws Exception {
    String token = scripted(PeerResponse.reject(RejectionReason.SERVICE_UNAVAILABLE),
        PeerResponse.accept());
    Delivery delivery = message().to(token).delivery();

    DeliveryResult first = send(delivery);
    DeliveryResult second = send(new Delivery(delivery.id(), 2, delivery.message()));

    assertThat(Kind.of(first)).isEqualTo(Kind.RETRYABLE);
    assertThat(Kind.of(second)).isEqualTo(Kind.SENT);
  }

  @Test
  void aSigningKeyThePeerDoesNotKnowIsAConfigurationError() throws Exception {
    var otherKey = (java.security.interfaces.ECPrivateKey) otherSigningKey();
    try (ApnsChannel wrongKey = PeerChannels.forPeer(peer).name("apns-wrong-key")
        .tokenAuth(otherKey, peer.credentials().teamId(), peer.credentials().keyId()).build()) {
      DeliveryResult result = wrongKey.send(message().to(token(1)).delivery(), context)
          .toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThat(Kind.of(result)).isEqualTo(Kind.CONFIGURATION);
      assertThat(Kind.reason(result)).startsWith("InvalidProviderToken (HTTP 403)");
    }
  }

  private static java.security.PrivateKey otherSigningKey() throws Exception {
    var generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPrivate();
  }

  private static String appleReason(RejectionReason reason) {
    StringBuilder text = new StringBuilder();
    for (String word : reason.name().split("_")) {
      text.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return text.toString();
  }
}
