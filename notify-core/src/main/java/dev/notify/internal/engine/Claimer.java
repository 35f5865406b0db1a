package dev.notify.internal.engine;

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
 * restarted). Claims per lane only as much as the lane and memory have room for. Also keeps this
 * instance's lease in the log alive (one heartbeat every lease/3, however much it holds) and purges
 * old records. Every log call runs on one thread, {@code notify-claimer}: never on the scheduler's
 * thread, and no listener runs here (claimed work is announced by the dispatchers).
 */
final class Claimer implements Outcomes.Wakeups {
  private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

  private final NotificationLog log;
  private final Memory memory;
  private final Intake intake;
  private final Collection<Lane> lanes;
  private final Completions completions;
  private final Clock clock;
  private final Scheduler scheduler;
  private final String owner;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration retention;
  private final ExecutorService executor;
  private final AtomicBoolean requested = new AtomicBoolean();
  /** A claim's answer was lost: give back what the log may have claimed for us unseen. */
  private volatile boolean reconcile;
  /** Placeholders (users, groups) claimed per pass: resolving them is cheap but not free. */
  private static final int RESOLVE_BATCH = 256;
  private final boolean resolving;
  private volatile boolean stopped;
  private volatile Scheduler.@Nullable Scheduled poll;
  private volatile Scheduler.@Nullable Scheduled renewal;
  private volatile Instant lastPurge;

  Claimer(EngineConfig config, Memory memory, Intake intake, Collection<Lane> lanes,
      Completions completions, Scheduler scheduler, ThreadFactoryNamer threads) {
    this.log = config.log();
    this.memory = memory;
    this.intake = intake;
    this.lanes = lanes;
    this.completions = completions;
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

  /**
   * Takes this instance's lease and gives back what an earlier process with the same instance id
   * left claimed, then starts polling. Runs on the caller's thread: a log that fails here fails
   * the client's start.
   */
  void start() {
    log.heartbeat(owner, lease);
    int released = log.releaseAll(owner, Set.of());
    if (released > 0) {
      LOG.info("took back {} deliveries left claimed by an earlier run of instance {}", released,
          owner);
    }
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
      if (reconcile) {
        int n = memory.givingBack(held -> log.releaseAll(owner, held));
        reconcile = false;
        LOG.info("gave back {} deliveries claimed by a claim whose answer was lost", n);
      }
      for (Lane lane : lanes) {
        lane.clearBacklog();
        int limit = Math.min(lane.room(), memory.available());
        if (limit <= 0) {
          // No room: come back when there is some, but only if work waits (a full memory under
          // load would otherwise call for a pass per finished delivery). A full or paused lane
          // calls for the pass itself when it has room; freed memory calls only if memory is
          // what is missing.
          if (log.hasDue(lane.name(), owner)) {
            lane.markBacklog();
            leftBehind |= memory.available() <= 0;
          }
          continue;
        }
        List<ClaimedDelivery> claimed = claim(lane.name(), limit);
        for (ClaimedDelivery c : claimed) {
          if (!memory.tryAcquire(1)) {
            // A send took the room meanwhile: hand the claim straight back.
            release(c);
            leftBehind = true;
          } else {
            LanePlace place = lane.tryReserve();
            if (place == null) {
              // The lane filled up or paused meanwhile: it calls for a pass when it has room.
              memory.release(1);
              release(c);
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
        if (limit <= 0) {
          leftBehind |= log.hasDue(DeliveryRecord.RESOLVE_CHANNEL, owner);
        } else {
          List<ClaimedDelivery> claimed = claim(DeliveryRecord.RESOLVE_CHANNEL, limit);
          for (ClaimedDelivery c : claimed) {
            if (memory.tryAcquire(1)) {
              admit(c, LanePlace.NONE);
            } else {
              release(c);
              leftBehind = true;
            }
          }
          more |= claimed.size() == limit;
        }
      }
    } catch (RuntimeException e) {
      LOG.error("claiming due work from the log failed; retrying at the next poll", e);
      // Whatever it left behind waits in the log: look again then.
      memory.markBacklog();
      return;
    }
    if (leftBehind) {
      memory.markBacklog();
    }
    if (more) {
      now();
    }
  }

  /** A claim whose answer is lost may still have claimed: reconcile before the next one. */
  private List<ClaimedDelivery> claim(String channel, int limit) {
    try {
      return log.claimDue(channel, owner, limit);
    } catch (RuntimeException e) {
      reconcile = true;
      throw e;
    }
  }

  /** The caller holds its memory permit and, unless it is a placeholder, its lane's place. */
  private void admit(ClaimedDelivery c, LanePlace place) {
    // If an older item for this delivery is still held (it is leaving, or its claim was lost), the
    // new claim replaces it: the old item's fence is stale, so it drops out at its next step.
    WorkItem item = new WorkItem(c, place);
    // Reported once, when it becomes queued (by the dispatcher that takes it, never on this
    // thread): not again for work that waited in the log queued.
    if (c.claimedFrom() == DeliveryState.SCHEDULED
        || c.claimedFrom() == DeliveryState.RETRY_SCHEDULED) {
      item.announceQueued();
    }
    intake.admitFromLog(item);
  }

  /** Hands a claim straight back, unchanged and due as it was. */
  private void release(ClaimedDelivery c) {
    c.delivery().fence().ifPresent(f -> {
      try {
        log.transition(c.delivery().id(), f, DeliveryUpdate.handedBack(c.delivery().state()));
      } catch (RuntimeException e) {
        reconcile = true;
        LOG.warn("handing back {} failed; given back at the next pass: {}", c.delivery().id(),
            e.toString());
      }
    });
  }

  private void schedulePoll() {
    if (stopped) {
      return;
    }
    poll = scheduler.schedule(() -> {
      now();
      onClaimerThread(this::maybePurge);
      onClaimerThread(completions::sweep);
      schedulePoll();
    }, pollInterval);
  }

  private void scheduleRenewal() {
    if (stopped) {
      return;
    }
    renewal = scheduler.schedule(() -> {
      onClaimerThread(this::heartbeat);
      scheduleRenewal();
    }, lease.dividedBy(3));
  }

  private void heartbeat() {
    try {
      log.heartbeat(owner, lease);
    } catch (RuntimeException e) {
      LOG.error("renewing this instance's lease failed; retrying in {} (the lease lasts {})",
          lease.dividedBy(3), lease, e);
    }
  }

  private void onClaimerThread(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("claimer stopped; task dropped");
    }
  }

  private void maybePurge() {
    Instant now = clock.instant();
    if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastPurge = now;
    try {
      int n = log.purge(retention);
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
