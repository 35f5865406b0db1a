package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.WAIT;
import static dev.notify.coretests.engine.Fixtures.await;
import static dev.notify.coretests.engine.Fixtures.email;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.LogUnavailableException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.Transition;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationState;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.RecordingChannel;
import dev.notify.testkit.log.ForwardingNotificationLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Defect 1: an exception from the log, the recipient directory or the template store must never
 * strand work. Each test breaks one call in one place and checks that the work ends where it
 * should, once, and that nothing stays held.
 */
class StoreFailureTest {
  private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(3)
      .baseDelay(Duration.ofMillis(20)).jitter(false).build();

  /** Throws on the first {@code failures} transitions to {@code state}, before or after applying. */
  private static final class FailingTransitions extends ForwardingNotificationLog {
    private final DeliveryState state;
    private final AtomicInteger failures;
    private final boolean afterApplying;

    FailingTransitions(DeliveryState state, int failures, boolean afterApplying) {
      super(InMemoryNotificationLog.create());
      this.state = state;
      this.failures = new AtomicInteger(failures);
      this.afterApplying = afterApplying;
    }

    @Override
    public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
      if (update.state() != state || failures.get() <= 0) {
        return super.transition(deliveryId, fence, update);
      }
      if (afterApplying) {
        super.transition(deliveryId, fence, update);
      }
      if (failures.getAndDecrement() > 0) {
        throw new LogUnavailableException("injected: connection reset");
      }
      return super.transition(deliveryId, fence, update);
    }

    @Override
    public List<Boolean> transitionAll(List<Transition> transitions) {
      // The engine combines concurrent writes: fail the batch if any of them is to be failed.
      List<Boolean> applied = new ArrayList<>();
      boolean fail = false;
      for (Transition t : transitions) {
        boolean mine = t.update().state() == state && failures.get() > 0;
        if (mine && !afterApplying) {
          fail = true;
          applied.add(false);
        } else {
          applied.add(super.transition(t.deliveryId(), t.fence(), t.update()));
        }
        fail |= mine;
      }
      if (fail && failures.getAndDecrement() > 0) {
        throw new LogUnavailableException("injected: connection reset");
      }
      return applied;
    }
  }

  @Test
  void failuresToRecordSendingDoNotLeakTheLanesPlacesInFlight() {
    FailingTransitions log = new FailingTransitions(DeliveryState.SENDING, 5, false);
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .lane("email", LaneOptions.ofDefaults().withMaxInFlight(1)).build()) {
      List<SendReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        receipts.add(client.send(email("s-" + i, "u" + i + "@example.com")));
      }
      for (SendReceipt r : receipts) {
        assertThat(finalStatus(r).isSent()).isTrue();
      }
      assertThat(channel.sendCount()).isEqualTo(3);
      // The place in flight is given back just after the result is handled.
      await("no place in flight", () -> client.stats().lanes().get("email").inFlight() == 0);
      await("memory empty", () -> client.stats().inMemory() == 0);
    }
  }

  @Test
  void anOutcomeWhoseCommitWasAmbiguousIsWrittenAgainAndReportedOnce() {
    FailingTransitions log = new FailingTransitions(DeliveryState.SENT, 2, true);
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    dev.notify.testkit.RecordingListener events = new dev.notify.testkit.RecordingListener();
    NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .listener(events).build();
    NotificationStatus s = finalStatus(client.send(email("a", "ada@example.com")));
    assertThat(s.isSent()).isTrue();
    assertThat(channel.sendCount()).isEqualTo(1);
    assertThat(events.count(dev.notify.event.EventType.SENT)).isEqualTo(1);
    await("memory empty", () -> client.stats().inMemory() == 0);
    assertThat(client.shutdown(WAIT)).isTrue();
  }

  @Test
  void anAppendWhoseAnswerWasLostThrowsAndTheNotificationIsSentOnceWhenSentAgain() {
    AtomicInteger failures = new AtomicInteger(1);
    ForwardingNotificationLog log = new ForwardingNotificationLog(InMemoryNotificationLog.create()) {
      @Override
      public AppendResult append(NotificationRecord record) {
        AppendResult r = super.append(record);
        if (failures.getAndDecrement() > 0) {
          throw new LogUnavailableException("injected: commit acknowledgement lost");
        }
        return r;
      }
    };
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel).log(log)
        .pollInterval(Duration.ofMillis(20)).build()) {
      Notification n = email("lost", "ada@example.com");
      assertThatThrownBy(() -> client.send(n)).isInstanceOf(LogUnavailableException.class)
          .hasMessageContaining("send it again with the same id");
      // It was stored: the claim it could not hand over went back to the log, and is sent.
      SendReceipt again = client.send(n);
      assertThat(again.duplicate()).isTrue();
      assertThat(finalStatus(again).isSent()).isTrue();
      assertThat(channel.sendCount()).isEqualTo(1);
    }
  }

  /** A directory that throws on the first {@code failures} calls of a chosen kind. */
  private static final class FlakyDirectory implements RecipientDirectory {
    final InMemoryRecipientDirectory users = new InMemoryRecipientDirectory();
    final AtomicInteger userFailures = new AtomicInteger();
    final AtomicInteger pageFailures = new AtomicInteger();
    final AtomicInteger pagesServed = new AtomicInteger();
    volatile int failOnPage = -1;

    @Override
    public Optional<UserProfile> findUser(String userId) {
      if (userFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("injected: directory timed out");
      }
      return users.findUser(userId);
    }

    @Override
    public Optional<GroupPage> groupPage(String groupId, @Nullable String cursor, int pageSize) {
      if (pagesServed.getAndIncrement() == failOnPage && pageFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("injected: directory timed out on a page");
      }
      return users.groupPage(groupId, cursor, pageSize);
    }
  }

  @Test
  void aUserWhoseLookupFailsIsTriedAgainLater() {
    FlakyDirectory directory = new FlakyDirectory();
    directory.users.put(UserProfile.builder("42").email("ada@example.com").build());
    directory.userFailures.set(2);
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .recipientDirectory(directory).retryPolicy(QUICK).pollInterval(Duration.ofMillis(20))
        .build()) {
      NotificationStatus s = finalStatus(client.send(Notification.builder().id("u")
          .to(Recipient.user("42")).subject("Hi").text("Hello").build()));
      assertThat(s.isSent()).isTrue();
      assertThat(channel.sendCount()).isEqualTo(1);
    }
  }

  @Test
  void aGroupWalkThatFailsOnAPageResumesAndNotifiesEveryMemberOnce() {
    FlakyDirectory directory = new FlakyDirectory();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      directory.users.put(UserProfile.builder("m" + i).email("m" + i + "@example.com").build());
      members.add("m" + i);
    }
    directory.users.addToGroup("all", members);
    directory.failOnPage = 1;
    directory.pageFailures.set(1);
    RecordingChannel channel = RecordingChannel.builder("email").type(EMAIL).build();
    try (NotificationClient client = NotificationClient.builder().channel(channel)
        .recipientDirectory(directory).retryPolicy(QUICK).pollInterval(Duration.ofMillis(20))
        .capacity(20_000).build()) {
      SendReceipt r = client.send(Notification.builder().id("b").to(Recipient.group("all"))
          .subject("Hi").text("Hello").build());
      NotificationStatus s = finalStatus(r);
      assertThat(s.state()).isEqualTo(NotificationState.SENT);
      assertThat(s.members()).isNotNull();
      assertThat(s.members().total()).isEqualTo(1_500);
      await("every member sent", () -> channel.sendCount() >= 1_500);
      assertThat(channel.sends()).extracting(d -> d.message().notificationId())
          .doesNotHaveDuplicates().hasSize(1_500);
    }
  }
}
