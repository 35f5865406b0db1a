package dev.notify.internal.engine;

import dev.notify.InvalidNotificationException;
import dev.notify.event.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes held deliveries from the intake and decides each one at the moment it goes out: expired,
 * a user or group still to resolve, held back or deferred by a policy, failed (a template that
 * does not render), or handed to its lane. Runs on the dispatcher threads, and on the sending
 * thread for a plain address that no policy applies to (see {@link Intake#dispatchDirectly}).
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Intake intake;
  private final Map<String, Lane> lanes;
  private final Policies policies;
  private final @Nullable Resolver resolver;
  private final Outcomes outcomes;
  private final Listeners listeners;
  private final Clock clock;
  private final List<Thread> threads = new ArrayList<>();

  Dispatcher(Intake intake, Map<String, Lane> lanes, Policies policies,
      @Nullable Resolver resolver,
      Outcomes outcomes, Listeners listeners, Clock clock, int threadCount,
      ThreadFactory factory) {
    this.intake = intake;
    this.lanes = lanes;
    this.policies = policies;
    this.resolver = resolver;
    this.outcomes = outcomes;
    this.listeners = listeners;
    this.clock = clock;
    for (int i = 0; i < threadCount; i++) {
      threads.add(factory.newThread(this::loop));
    }
    // An address (not a user) with no policy, template or lookup: dispatch is the hand-over.
    intake.dispatchDirectly(item -> !item.isPlaceholder() && item.userId() == null
        && policies.proceedsAtOnce(item), this::dispatch);
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Stops the threads, waiting up to a second for each; what they hold is the caller's. */
  void stop() {
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      WorkItem item;
      try {
        item = intake.take();
      } catch (InterruptedException e) {
        return;
      }
      dispatch(item);
    }
  }

  /**
   * Decides one item; its lane place is given back whatever happens. When a step throws (the
   * recipient directory, the template store, a policy's store), the item goes back to the log
   * for a later try rather than wait in memory.
   */
  void dispatch(WorkItem item) {
    Lane lane = lanes.get(item.channel());
    try {
      if (item.takeAnnouncement()) {
        listeners.delivery(EventType.QUEUED, WorkItemView.of(item), item.attemptCount(), null,
            null);
      }
      decide(lane, item);
    } catch (RuntimeException e) {
      LOG.error("dispatching {} failed; it goes back to the log and is tried again", item, e);
      outcomes.retryLater(item, "dispatch failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      // Its place counts until it is in the lane's queue (or has left): never overshoot.
      item.releasePlace();
    }
  }

  private void decide(@Nullable Lane lane, WorkItem item) {
    if (item.hasLeft()) {
      return;
    }
    Optional<Instant> expires = item.notification().expiresAt();
    if (expires.isPresent() && !clock.instant().isBefore(expires.get())) {
      outcomes.expired(lane, item);
      return;
    }
    if (item.isPlaceholder()) {
      resolver.resolve(item);
      return;
    }
    Policies.Verdict verdict = policies.check(item, lane.channel().type());
    if (verdict instanceof Policies.Suppress suppress) {
      outcomes.suppressed(lane, item, suppress.reason());
    } else if (verdict instanceof Policies.Defer defer) {
      outcomes.deferred(lane, item, defer.until(), defer.reason());
    } else if (verdict instanceof Policies.Fail fail) {
      outcomes.failedAtDispatch(lane, item, fail.reason());
    } else if (item.userId() != null && !validAtDispatch(lane, item)) {
      return;
    } else if (!lane.offer(item)) {
      outcomes.park(lane, item);
    }
  }

  /** A user's addresses and rendered content are first seen here: the channel checks them now. */
  private boolean validAtDispatch(Lane lane, WorkItem item) {
    try {
      lane.channel().validate(item.message());
      return true;
    } catch (InvalidNotificationException e) {
      outcomes.failedAtDispatch(lane, item, "(channel '" + lane.name() + "') " + e.getMessage());
      return false;
    }
  }
}
