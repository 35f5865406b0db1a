package dev.notify.internal.engine;

import dev.notify.event.EventType;
import dev.notify.spi.Scheduler;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.NotificationLog;
import dev.notify.status.DeliveryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls due work from the log into memory: retries and schedules that came due, work spilled or
 * parked for lack of room, and deliveries whose lease expired (another instance died, or this one
 * restarted). Claims per lane only as much as the lane and memory have room for. Also renews the
 * leases of everything held and purges old records. Runs on one thread, {@code notify-claimer}.
 */
final class Claimer implements Outcomes.Wakeups {
  private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

  private final NotificationLog log;
  private final Memory memory;
  private final Intake intake;
  private final Collection<Lane> lanes;
  private final Listeners listeners;
  private final Clock clock;
  private final Scheduler scheduler;
  private final String owner;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration retention;
  private final ExecutorService executor;
  private final AtomicBoolean requested = new AtomicBoolean();
  /** Placeholders (users, groups) claimed per pass: resolving them is cheap but not free. */
  private static final int RESOLVE_BATCH = 256;
  private final boolean resolving;
  private volatile boolean stopped;
  private volatile Scheduler.@Nullable Scheduled poll;
  private volatile Scheduler.@Nullable Scheduled renewal;
  private volatile Instant lastPurge;

  Claimer(EngineConfig config, Memory memory, Intake intake, Collection<Lane> lanes,
      Listeners listeners, Scheduler scheduler, ThreadFactoryNamer threads) {
    this.log = config.log();
    this.memory = memory;
    this.intake = intake;
    this.lanes = lanes;
    this.listeners = listeners;
    this.clock = config.clock();
    this.scheduler = scheduler;
    this.owner = config.instanceId();
    this.lease = config.lease();
    this.pollInterval = config.pollInterval();
    this.retention = config.retention();
    this.executor = Executors.newSingleThreadExecutor(threads.named("notify-claimer"));
    this.lastPurge = clock.instant();
    this.resolving = config.directory() != null;
  }

  void start() {
    schedulePoll();
    scheduleRenewal();
    now();
  }

  @Override
  public void now() {
    if (stopped || !requested.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::pass);
    } catch (RejectedExecutionException e) {
      requested.set(false);
    }
  }

  @Override
  public void at(Instant due) {
    if (!stopped) {
      scheduler.scheduleAt(this::now, due, clock);
    }
  }

  /**
   * Claims what is due for every lane with room, and the placeholders to resolve. The backlog
   * flags are cleared before the log is asked and set again only where work is left behind, so a
   * flag set concurrently (work parked or spilled meanwhile) is never lost.
   */
  private void pass() {
    requested.set(false);
    if (stopped) {
      return;
    }
    memory.clearBacklog();
    boolean more = false;
    boolean leftBehind = false;
    try {
      for (Lane lane : lanes) {
        lane.clearBacklog();
        int limit = Math.min(lane.room(), memory.available());
        Instant now = clock.instant();
        if (limit <= 0) {
          // No room: come back when there is some, but only if work waits (a full memory under
          // load would otherwise call for a pass per finished delivery). A full or paused lane
          // calls for the pass itself when it has room; freed memory calls only if memory is
          // what is missing.
          if (log.hasDue(lane.name(), now)) {
            lane.markBacklog();
            leftBehind |= memory.available() <= 0;
          }
          continue;
        }
        List<ClaimedDelivery> claimed =
            log.claimDue(lane.name(), owner, now, now.plus(lease), limit);
        for (ClaimedDelivery c : claimed) {
          if (!memory.tryAcquire(1)) {
            // A send took the room meanwhile: hand the claim straight back.
            release(c, now);
            leftBehind = true;
          } else {
            LanePlace place = lane.tryReserve();
            if (place == null) {
              // The lane filled up or paused meanwhile: it calls for a pass when it has room.
              memory.release(1);
              release(c, now);
              lane.markBacklog();
            } else {
              admit(c, place);
            }
          }
        }
        more |= claimed.size() == limit;
      }
      if (resolving) {
        int limit = Math.min(memory.available(), RESOLVE_BATCH);
        Instant now = clock.instant();
        if (limit <= 0) {
          leftBehind |= log.hasDue(DeliveryRecord.RESOLVE_CHANNEL, now);
        } else {
          List<ClaimedDelivery> claimed = log.claimDue(DeliveryRecord.RESOLVE_CHANNEL, owner,
              now, now.plus(lease), limit);
          for (ClaimedDelivery c : claimed) {
            if (memory.tryAcquire(1)) {
              admit(c, LanePlace.NONE);
            } else {
              release(c, now);
              leftBehind = true;
            }
          }
          more |= claimed.size() == limit;
        }
      }
    } catch (RuntimeException e) {
      LOG.error("claiming due work from the log failed; retrying at the next poll", e);
      return;
    }
    if (leftBehind) {
      memory.markBacklog();
    }
    if (more) {
      now();
    }
  }

  /** The caller holds its memory permit and, unless it is a placeholder, its lane's place. */
  private void admit(ClaimedDelivery c, LanePlace place) {
    // If an older item for this delivery is still held (it is leaving, or its lease slipped), the
    // new claim replaces it: the old item's fence is stale, so it drops out at its next step.
    WorkItem item = new WorkItem(c.notification(), c.delivery(), place);
    intake.admit(item);
    // Reported once, when it becomes queued: not again for work that waited in the log queued.
    if (c.claimedFrom() == DeliveryState.SCHEDULED
        || c.claimedFrom() == DeliveryState.RETRY_SCHEDULED) {
      listeners.delivery(EventType.QUEUED, WorkItemView.of(item), item.attemptCount(), null, null);
    }
  }

  private void release(ClaimedDelivery c, Instant now) {
    c.delivery().fence().ifPresent(f -> log.transition(c.delivery().id(), f,
        DeliveryUpdate.released(c.delivery().dueAt(), now)));
  }

  private void schedulePoll() {
    if (stopped) {
      return;
    }
    poll = scheduler.schedule(() -> {
      now();
      maybePurge();
      schedulePoll();
    }, pollInterval);
  }

  private void scheduleRenewal() {
    if (stopped) {
      return;
    }
    renewal = scheduler.schedule(() -> {
      renew();
      scheduleRenewal();
    }, lease.dividedBy(3));
  }

  private void renew() {
    try {
      var fences = memory.fences();
      if (fences.isEmpty()) {
        return;
      }
      Set<String> lost = log.renew(fences, clock.instant().plus(lease));
      if (!lost.isEmpty()) {
        LOG.warn("{} claims were lost before renewal (cancelled or taken over)", lost.size());
      }
    } catch (RuntimeException e) {
      LOG.error("renewing leases failed; retrying at the next renewal", e);
    }
  }

  private void maybePurge() {
    Instant now = clock.instant();
    if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastPurge = now;
    try {
      int n = log.purge(now.minus(retention));
      if (n > 0) {
        LOG.debug("purged {} finished notifications older than {}", n, retention);
      }
    } catch (RuntimeException e) {
      LOG.error("purging the log failed", e);
    }
  }

  void stop() {
    stopped = true;
    Scheduler.Scheduled p = poll;
    Scheduler.Scheduled r = renewal;
    if (p != null) {
      p.cancel();
    }
    if (r != null) {
      r.cancel();
    }
    executor.shutdown();
  }
}
