package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.Recipient;
import dev.notify.event.EventType;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.Transition;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens to a held delivery into fenced log transitions, listener events, counters and
 * retry timers. Every path that ends a delivery (sent, failed, dead, suppressed, expired,
 * cancelled) or ends its stay in memory goes through here.
 */
final class Outcomes implements LaneHost {
  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

  private final NotificationLog log;
  private final Memory memory;
  private final Completions completions;
  private final Listeners listeners;
  private final Clock clock;
  private final Function<String, RetryPolicy> retryPolicies;
  private final Latency latency;
  private final Wakeups wakeups;
  private final Feedback feedback;
  private final Retrier retrier;
  private final Writes writes;

  private static final Runnable NOTHING = () -> { };

  /** Tells the recipient directory and the preference store what providers report. */
  interface Feedback {
    void addressInvalid(String userId, Recipient.Address address, @Nullable Instant invalidatedAt);

    void optedOut(String userId, ChannelType type);
  }

  /** Asks for a claim pass now or at a later time. */
  interface Wakeups {
    void now();

    /** Asks for a pass at {@code due} by the client's clock (never later, if the clock moves). */
    void at(Instant due);
  }

  Outcomes(NotificationLog log, Memory memory, Completions completions, Listeners listeners,
      Clock clock, Function<String, RetryPolicy> retryPolicies, Latency latency, Wakeups wakeups,
      Feedback feedback, Retrier retrier) {
    this.log = log;
    this.memory = memory;
    this.completions = completions;
    this.listeners = listeners;
    this.clock = clock;
    this.retryPolicies = retryPolicies;
    this.latency = latency;
    this.wakeups = wakeups;
    this.feedback = feedback;
    this.retrier = retrier;
    this.writes = new Writes(log, retrier);
  }

  @Override
  public boolean markSending(Lane lane, WorkItem item) {
    Instant now = clock.instant();
    Optional<Instant> expires = item.notification().expiresAt();
    if (expires.isPresent() && !now.isBefore(expires.get())) {
      expired(lane, item);
      return false;
    }
    // A log failure here is the lane's to handle: it frees the place in flight and tries later.
    if (log.transition(item.deliveryId(), item.fence(), DeliveryUpdate.sending())) {
      return true;
    }
    lost(item);
    return false;
  }

  @Override
  public void sendingNotRecorded(Lane lane, WorkItem item, RuntimeException error) {
    Duration delay = Retrier.backoff(item.writeFailed());
    LOG.warn("recording SENDING of {} failed; back in its lane in {}: {}", item.deliveryId(), delay,
        error.toString());
    retrier.later(delay, () -> {
      if (!item.hasLeft()) {
        lane.requeue(item);
        lane.pump();
      }
    });
  }

  @Override
  public void onResult(Lane lane, WorkItem item, @Nullable DeliveryResult result,
      @Nullable Throwable error) {
    // The lane calls resultsHandled after the batch: its outcomes go to the log together.
    writes.defer();
    Instant now = clock.instant();
    int number = item.attemptCount() + 1;
    WorkItemView view = WorkItemView.of(item);
    if (error != null || result == null) {
      String reason = error != null ? describe(error) : "channel returned a null result";
      retryOrDie(lane, item, new Attempt(number, now, Outcome.ERROR, reason, null), null);
      return;
    }
    if (result instanceof DeliveryResult.Sent) {
      String pid = ((DeliveryResult.Sent) result).providerMessageId();
      lane.count(Outcome.SENT);
      finish(lane, item, DeliveryUpdate.sent(new Attempt(number, now, Outcome.SENT, null, pid)),
          null, number, null, () -> {
            Instant start = item.notification().sendAt()
                .filter(s -> s.isAfter(item.acceptedAt())).orElse(item.acceptedAt());
            latency.record(Duration.between(start, now));
            listeners.sent(view, number, pid);
          });
    } else if (result instanceof DeliveryResult.OutcomeUnknown unknown) {
      retryOrDie(lane, item, new Attempt(number, now, Outcome.UNKNOWN, unknown.reason(), null),
          null);
    } else if (result instanceof DeliveryResult.Retryable) {
      DeliveryResult.Retryable r = (DeliveryResult.Retryable) result;
      retryOrDie(lane, item, new Attempt(number, now, Outcome.RETRYABLE, r.reason(), null),
          r.retryAfter());
    } else if (result instanceof DeliveryResult.Permanent) {
      String reason = ((DeliveryResult.Permanent) result).reason();
      fail(lane, item, new Attempt(number, now, Outcome.PERMANENT, reason, null), reason, NOTHING);
    } else if (result instanceof DeliveryResult.AddressInvalid) {
      DeliveryResult.AddressInvalid r = (DeliveryResult.AddressInvalid) result;
      fail(lane, item, new Attempt(number, now, Outcome.ADDRESS_INVALID, r.reason(), null),
          "address invalid: " + r.reason(),
          () -> {
            if (item.userId() != null) {
              feedback.addressInvalid(item.userId(), (Recipient.Address) item.address(),
                  r.invalidatedAt());
            }
            listeners.addressInvalid(view, number, r.reason(), r.invalidatedAt());
          });
    } else if (result instanceof DeliveryResult.OptedOut) {
      String reason = ((DeliveryResult.OptedOut) result).reason();
      fail(lane, item, new Attempt(number, now, Outcome.OPTED_OUT, reason, null),
          "recipient opted out: " + reason,
          () -> {
            if (item.userId() != null) {
              feedback.optedOut(item.userId(), lane.channel().type());
            }
            listeners.delivery(EventType.OPTED_OUT, view, number, reason, null);
          });
    } else {
      DeliveryResult.ChannelUnavailable r = (DeliveryResult.ChannelUnavailable) result;
      Attempt a = new Attempt(number, now, Outcome.CHANNEL_UNAVAILABLE, r.reason(), null);
      lane.count(Outcome.CHANNEL_UNAVAILABLE);
      // Written at once, not with the batch: the item must be back in its lane's queue before the
      // lane trips its circuit on this answer (the next probe may be this item).
      DeliveryUpdate update = DeliveryUpdate.channelUnavailable(a);
      retrier.run(update.state() + " of " + item.deliveryId(),
          () -> log.transition(item.deliveryId(), item.fence(), update),
          unlessLost(item, () -> lane.requeue(item)));
    }
  }

  private void retryOrDie(Lane lane, WorkItem item, Attempt attempt,
      @Nullable Duration retryAfter) {
    lane.count(attempt.outcome());
    RetryPolicy policy = retryPolicies.apply(item.channel());
    if (attempt.number() >= policy.maxAttempts()) {
      String reason = "gave up after " + attempt.number() + " attempts: " + attempt.error();
      finish(lane, item, DeliveryUpdate.failed(DeliveryState.DEAD, attempt, reason),
          EventType.DEAD, attempt.number(), reason, NOTHING);
      return;
    }
    Duration delay = policy.delayAfter(attempt.number(), Optional.ofNullable(retryAfter));
    Instant due = attempt.at().plus(delay);
    Optional<Instant> expires = item.notification().expiresAt();
    if (expires.isPresent() && !due.isBefore(expires.get())) {
      expire(lane, item, attempt);
      return;
    }
    reschedule(item, DeliveryUpdate.retryScheduled(attempt, delay), EventType.RETRY_SCHEDULED,
        attempt.number(), attempt.error(), due);
  }

  private void fail(Lane lane, WorkItem item, Attempt attempt, String reason,
      Runnable extraEvent) {
    lane.count(attempt.outcome());
    finish(lane, item, DeliveryUpdate.failed(DeliveryState.FAILED, attempt, reason),
        EventType.FAILED, attempt.number(), reason, extraEvent);
  }

  private void expire(Lane lane, WorkItem item, Attempt attempt) {
    String reason = "expired at " + item.notification().expiresAt().orElseThrow()
        + " before the next attempt";
    finish(lane, item, DeliveryUpdate.endedAfter(DeliveryState.EXPIRED, attempt, reason),
        EventType.EXPIRED, attempt.number(), reason, NOTHING);
  }

  /** At dispatch: the notification's expiry passed while it waited. */
  void expired(@Nullable Lane lane, WorkItem item) {
    end(lane, item, DeliveryState.EXPIRED, EventType.EXPIRED,
        "expired at " + item.notification().expiresAt().orElseThrow());
  }

  /** At dispatch: a policy (opt-out, rate limit) held it back for good. */
  void suppressed(Lane lane, WorkItem item, String reason) {
    end(lane, item, DeliveryState.SUPPRESSED, EventType.SUPPRESSED, reason);
  }

  /** At dispatch: it cannot be sent as it is (a template that does not render, say). */
  void failedAtDispatch(Lane lane, WorkItem item, String reason) {
    end(lane, item, DeliveryState.FAILED, EventType.FAILED, reason);
  }

  /** A placeholder that could not be resolved, or a group that has fanned out. */
  void endPlaceholder(WorkItem item, DeliveryState state, String reason) {
    end(null, item, state, state == DeliveryState.FAILED ? EventType.FAILED : null, reason);
  }

  private void end(@Nullable Lane lane, WorkItem item, DeliveryState state,
      @Nullable EventType event, String reason) {
    finish(lane, item, DeliveryUpdate.ended(state, reason), event, item.attemptCount(), reason,
        NOTHING);
  }

  /**
   * The one way a delivery ends: the terminal update under its fence, then the counter, out of
   * memory, the listeners ({@code alsoTell} first, {@code event} unless null), and last the
   * receipt, so that events precede the completion on this thread.
   */
  private void finish(@Nullable Lane lane, WorkItem item, DeliveryUpdate update,
      @Nullable EventType event, int attempt, @Nullable String reason, Runnable alsoTell) {
    write(item, update, () -> {
      if (lane != null) {
        lane.count(update.state());
      }
      memory.leave(item);
      alsoTell.run();
      if (event != null) {
        listeners.delivery(event, WorkItemView.of(item), attempt, reason, null);
      }
      completions.finished(item.notificationId());
      completions.checkMember(item.parentId());
    });
  }

  /** Back to the log until {@code due} (retry, quiet hours, rate limit), with a wake-up then. */
  private void reschedule(WorkItem item, DeliveryUpdate update, EventType event, int attempt,
      @Nullable String reason, Instant due) {
    write(item, update, () -> {
      memory.leave(item);
      wakeups.at(due);
      listeners.delivery(event, WorkItemView.of(item), attempt, reason, due);
    });
  }

  /** At dispatch: not now (quiet hours, a rate limit); scheduled again at {@code until}. */
  void deferred(Lane lane, WorkItem item, Instant until, String reason) {
    Optional<Instant> expires = item.notification().expiresAt();
    if (expires.isPresent() && !until.isBefore(expires.get())) {
      end(lane, item, DeliveryState.EXPIRED, EventType.EXPIRED, "expires at " + expires.get()
          + ", before it may be sent (" + reason + " until " + until + ")");
      return;
    }
    reschedule(item, DeliveryUpdate.deferred(until, reason), EventType.SCHEDULED,
        item.attemptCount(), reason, until);
  }

  /**
   * At dispatch: a step before sending threw (the recipient directory, the template store, a
   * policy's store). Back to the log, due again after the first delay of the channel's retry
   * policy (no attempt is counted), instead of waiting in memory for a lease that this instance
   * keeps renewing.
   */
  void retryLater(WorkItem item, String reason) {
    Duration delay = retryPolicies.apply(item.channel()).delayAfter(1, Optional.empty());
    Instant due = clock.instant().plus(delay);
    write(item, DeliveryUpdate.released(delay, reason), () -> {
      memory.leave(item);
      wakeups.at(due);
    });
  }

  /** No room in the lane: back to the log, due now, for a later claim. */
  void park(Lane lane, WorkItem item) {
    write(item, DeliveryUpdate.released(), () -> {
      lane.countParked();
      // Marked once it is in the log, so the pass that leaving calls for finds it.
      memory.markBacklog();
      memory.leave(item);
    });
  }

  /**
   * The caller cancelled a notification: the log ended these deliveries (one log operation for
   * the whole notification, so no fenced transition here). Each is counted on its lane, leaves
   * memory if it was held, and is reported; then the receipt is checked.
   *
   * @param parentId the broadcast the notification is a member of, or null
   * @param ended the deliveries that were live and are now CANCELLED
   * @param lanes the lane of a channel; none for a delivery still waiting to be resolved
   * @param held the item memory holds for a delivery id, if any
   */
  void cancelled(String notificationId, @Nullable String parentId, List<DeliveryRecord> ended,
      Function<String, @Nullable Lane> lanes, Function<String, @Nullable WorkItem> held) {
    for (DeliveryRecord d : ended) {
      Lane lane = lanes.apply(d.channel());
      if (lane != null) {
        lane.count(DeliveryState.CANCELLED);
      }
      WorkItem item = held.apply(d.id());
      if (item != null) {
        memory.leave(item);
      }
      listeners.delivery(EventType.CANCELLED, WorkItemView.of(d), 0, "cancelled", null);
    }
    completions.check(notificationId);
    completions.checkMember(parentId);
  }

  /**
   * Shutdown: back to the log, due now, for the next start or another instance. Not retried: what
   * a failure leaves claimed, the shutdown's {@link NotificationLog#releaseAll} gives back, or the
   * instance lease expires.
   */
  void release(WorkItem item) {
    try {
      log.transition(item.deliveryId(), item.fence(), DeliveryUpdate.released());
    } catch (RuntimeException e) {
      LOG.debug("releasing {} at shutdown failed: {}", item, e.toString());
    }
    memory.leave(item);
  }

  @Override
  public void resultsHandled(Lane lane, Runnable whenWritten) {
    writes.flush(whenWritten);
  }

  @Override
  public void onCircuit(Lane lane, boolean paused, String reason) {
    listeners.lane(paused ? EventType.LANE_PAUSED : EventType.LANE_RESUMED, lane.name(), reason);
  }

  @Override
  public void laneHasRoom(Lane lane) {
    wakeups.now();
  }

  /**
   * Applies a fenced update (combined with other threads' writes of the moment, and retried until
   * the log answers); then runs {@code applied}, or drops the item if its claim was lost. The
   * item stays in memory until then.
   */
  private void write(WorkItem item, DeliveryUpdate update, Runnable applied) {
    writes.write(new Transition(item.deliveryId(), item.fence(), update),
        update.state() + " of " + item.deliveryId(), unlessLost(item, applied));
  }

  /** What follows a fenced write: {@code applied}, or dropping the item if its claim was lost. */
  private Consumer<Boolean> unlessLost(WorkItem item, Runnable applied) {
    return ok -> {
      if (ok) {
        applied.run();
      } else {
        lost(item);
      }
    };
  }

  /** The claim was taken over (lease expired) or cancelled: someone else owns it now. */
  private void lost(WorkItem item) {
    if (memory.leave(item)) {
      LOG.debug("claim on {} lost (cancelled or taken over); dropped from memory", item);
      completions.check(item.notificationId());
      completions.checkMember(item.parentId());
    }
  }

  private static String describe(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause() : t;
    return c.getClass().getSimpleName() + (c.getMessage() != null ? ": " + c.getMessage() : "");
  }
}
