package dev.notify.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.notify.IdempotencyConflictException;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.LogUnavailableException;
import dev.notify.QueueFullException;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.internal.ClockTicker;
import dev.notify.policy.Backpressure;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.LogFullException;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.NotificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of {@code send}: validate, deduplicate, apply backpressure, append to the log
 * with our claim, and hand the deliveries to the intake. Nothing is stored unless every check
 * passed, and an id enters the dedupe cache only after the append committed.
 */
final class Acceptor {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
  private final EngineConfig config;
  private final NotificationLog log;
  private final Planner planner;
  private final Memory memory;
  private final Intake intake;
  private final Map<String, Lane> lanes;
  private final Completions completions;
  private final Listeners listeners;
  private final Outcomes.Wakeups wakeups;
  private final Clock clock;
  private final Cache<String, String> recent;
  private final Retrier retrier;
  private final Backlog backlog;

  /** A notification that passed validation, with what it needs. */
  private record Checked(Notification n, String hash, List<Planner.Planned> plan, boolean scheduled,
      @Nullable SendReceipt duplicateOf) {
  }

  Acceptor(EngineConfig config, Planner planner, Memory memory, Intake intake,
      Map<String, Lane> lanes, Completions completions, Listeners listeners,
      Outcomes.Wakeups wakeups, Retrier retrier, Backlog backlog) {
    this.config = config;
    this.log = config.log();
    this.planner = planner;
    this.memory = memory;
    this.intake = intake;
    this.lanes = lanes;
    this.completions = completions;
    this.listeners = listeners;
    this.wakeups = wakeups;
    this.clock = config.clock();
    this.retrier = retrier;
    this.backlog = backlog;
    this.recent = Caffeine.newBuilder()
        .maximumSize(config.idempotencyCacheSize())
        .expireAfterWrite(config.idempotencyWindow())
        .ticker(new ClockTicker(config.clock()))
        // Eviction is cheap and frequent at full load: keep it on the sending thread, never on
        // the common pool (a wake-up of another thread per send on a small machine).
        .executor(Runnable::run)
        .build();
  }

  List<SendReceipt> accept(List<Notification> batch) {
    Instant now = clock.instant();
    List<Checked> checked = new ArrayList<>(batch.size());
    // One id twice in a batch with different payloads: refused before anything is stored.
    Map<String, String> hashes = batch.size() == 1 ? Map.of() : new HashMap<>();
    int needed = 0;
    for (int i = 0; i < batch.size(); i++) {
      Notification n = batch.get(i);
      List<Planner.Planned> plan;
      String hash;
      try {
        // Before planning, which renders the template: the hash rejects variables that rendering
        // would not survive (a cycle, deep nesting) with a clear error instead
        planner.precheck(n);
        hash = PayloadHash.of(n);
        plan = planner.plan(n, now);
      } catch (InvalidNotificationException e) {
        if (batch.size() == 1) {
          throw e;
        }
        throw new InvalidNotificationException("notifications[" + i + "]." + e.field(), e.rule());
      }
      if (batch.size() > 1) {
        String earlier = hashes.putIfAbsent(n.id(), hash);
        if (earlier != null && !earlier.equals(hash)) {
          throw new IdempotencyConflictException(n.id());
        }
      }
      SendReceipt dup = cachedDuplicate(n.id(), hash);
      boolean scheduled = n.sendAt().isPresent() && n.sendAt().get().isAfter(now);
      checked.add(new Checked(n, hash, plan, scheduled, dup));
      if (dup == null && !scheduled) {
        needed += plan.size();
      }
    }
    Backpressure bp = config.backpressure();
    long deadline = bp.kind() == Backpressure.Kind.BLOCK
        ? System.nanoTime() + bp.timeout().orElseThrow().toNanos() : 0;
    boolean claimed = admit(needed);
    boolean counting = needed > 0 && bp.kind() != Backpressure.Kind.SPILL;
    LanePlace[][] places = new LanePlace[checked.size()][];
    try {
      if (counting) {
        // Registered before the append, so a finish on any thread sees it.
        forEachCounted(checked, (c, n) -> completions.hold(c.n().id(), n));
      }
      if (claimed) {
        reservePlaces(checked, places, deadline);
      }
      List<SendReceipt> receipts = memory.takingIn(() -> store(checked, places, now));
      if (counting) {
        for (int i = 0; i < checked.size(); i++) {
          Checked c = checked.get(i);
          if (c.duplicateOf() == null && !c.scheduled() && receipts.get(i).duplicate()) {
            completions.unhold(c.n().id(), c.plan().size());
          }
        }
      }
      return receipts;
    } catch (RuntimeException | Error e) {
      if (counting) {
        forEachCounted(checked, (c, n) -> completions.unhold(c.n().id(), n));
      }
      throw e;
    } finally {
      giveBackUnused(places, claimed ? needed : 0);
    }
  }

  /**
   * The record {@link #accept} would store for one notification, checked the same way, with
   * every delivery unclaimed: for a transactional outbox that appends it itself.
   */
  NotificationRecord prepare(Notification n) {
    Instant now = clock.instant();
    planner.precheck(n);
    String hash = PayloadHash.of(n);
    List<Planner.Planned> plan = planner.plan(n, now);
    boolean scheduled = n.sendAt().isPresent() && n.sendAt().get().isAfter(now);
    return record(new Checked(n, hash, plan, scheduled, null), null, now);
  }

  /** The notifications that take backlog permits: new and due now, one per delivery. */
  private static void forEachCounted(List<Checked> checked,
      java.util.function.ObjIntConsumer<Checked> action) {
    for (Checked c : checked) {
      if (c.duplicateOf() == null && !c.scheduled()) {
        action.accept(c, c.plan().size());
      }
    }
  }

  /**
   * A delivery's slot in {@code places}: null (it waits in the log), its reserved place (or
   * {@link LanePlace#NONE} for one that needs memory only), or {@code TAKEN} once its held item
   * carries the place.
   */
  private static final LanePlace TAKEN = new LanePlace(null);

  /**
   * Reserves each immediate delivery's place in its lane (placeholders need memory only). What
   * does not fit stays in the log, unclaimed, until the lane has room: a lane whose circuit is not
   * closed, or a full one (REJECT, SPILL). BLOCK waits for the place instead, like for memory.
   * Either way nothing is taken into memory that its lane would turn away.
   */
  private void reservePlaces(List<Checked> checked, @Nullable LanePlace[] @Nullable [] places,
      long deadline) {
    Backpressure.Kind kind = config.backpressure().kind();
    for (int i = 0; i < checked.size(); i++) {
      Checked c = checked.get(i);
      if (c.duplicateOf() != null || c.scheduled()) {
        continue;
      }
      LanePlace[] mine = new LanePlace[c.plan().size()];
      places[i] = mine;
      for (int j = 0; j < mine.length; j++) {
        Lane lane = lanes.get(c.plan().get(j).channel());
        if (lane == null) {
          mine[j] = LanePlace.NONE;
          continue;
        }
        if (kind == Backpressure.Kind.BLOCK) {
          try {
            mine[j] = lane.reserve(deadline);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueFullException("interrupted while waiting for room; nothing was stored");
          }
        } else {
          mine[j] = lane.tryReserve();
        }
        if (mine[j] == null && kind == Backpressure.Kind.BLOCK && !lane.isPaused()) {
          throw new QueueFullException("queue full: no room in lane '" + lane.name()
              + "' within " + config.backpressure().timeout().orElseThrow()
              + " (backpressure BLOCK); nothing was stored");
        }
      }
    }
  }

  /** Returns the places and memory permits that no held item took (failure, waits in the log). */
  private void giveBackUnused(@Nullable LanePlace[] @Nullable [] places, int permits) {
    int taken = 0;
    for (LanePlace[] mine : places) {
      if (mine == null) {
        continue;
      }
      for (LanePlace place : mine) {
        if (place == TAKEN) {
          taken++;
        } else if (place != null) {
          place.release();
        }
      }
    }
    memory.release(permits - taken);
  }

  /**
   * Stores the notifications derived from a validated broadcast for one page of its members: each
   * one user placeholder, unclaimed, for a later claim, all in one log call. An existing id means
   * that member was already notified (the walk resumed after a failure, or the broadcast was sent
   * again). A member whose derived id is taken by a different notification is not notified.
   *
   * @return how many of them were new
   */
  int appendMembers(List<Notification> children, String parentId) {
    Instant now = clock.instant();
    List<NotificationRecord> records = new ArrayList<>(children.size());
    for (Notification child : children) {
      DeliveryRecord placeholder = DeliveryRecord.create(child.id() + "/1", child.id(),
          DeliveryRecord.RESOLVE_CHANNEL, child.recipients().get(0), child.priority(),
          DeliveryState.QUEUED, now, null, now);
      records.add(new NotificationRecord(child, PayloadHash.of(child), now, List.of(placeholder),
          parentId));
    }
    List<AppendResult> results = log.appendAll(records);
    List<NotificationRecord> retry = new ArrayList<>();
    int fresh = 0;
    for (int i = 0; i < results.size(); i++) {
      AppendResult r = results.get(i);
      NotificationRecord record = records.get(i);
      if (r instanceof AppendResult.Appended) {
        fresh++;
        listeners.accepted(record.id());
      } else if (r instanceof AppendResult.Skipped) {
        retry.add(record);
      } else if (!((AppendResult.Existing) r).payloadHash().equals(record.payloadHash())) {
        LOG.warn("member id {} of broadcast {} is taken by a different notification; that member"
            + " is not notified", record.id(), parentId);
      }
    }
    if (!retry.isEmpty()) {
      // The page was refused for the conflicts above: store the rest without them.
      fresh += appendMembers(retry.stream().map(NotificationRecord::notification).toList(),
          parentId);
    }
    return fresh;
  }

  /**
   * Takes what a send needs: under REJECT and BLOCK a backlog permit and a place in memory per
   * delivery due now; under SPILL a place in memory if there is one.
   *
   * @return true if memory permits were taken; false when spilling to the log
   */
  private boolean admit(int needed) {
    if (needed == 0) {
      return true;
    }
    Backpressure bp = config.backpressure();
    if (needed > memory.capacity() && bp.kind() != Backpressure.Kind.SPILL) {
      throw new QueueFullException("this send needs " + needed + " places in memory but the"
          + " capacity is " + memory.capacity() + "; split the batch or raise capacity(...)");
    }
    switch (bp.kind()) {
      case REJECT:
        if (!backlog.tryAcquire(needed)) {
          throw new QueueFullException("queue full: " + backlog.held() + " of "
              + backlog.capacity() + " deliveries are accepted and not finished (backpressure"
              + " REJECT); nothing was stored, retry later");
        }
        if (!memory.tryAcquire(needed)) {
          backlog.release(needed);
          throw new QueueFullException("queue full: " + memory.capacity()
              + " deliveries are held in memory (backpressure REJECT); nothing was stored, retry"
              + " later");
        }
        return true;
      case BLOCK:
        long deadline = System.nanoTime() + bp.timeout().orElseThrow().toNanos();
        try {
          if (!backlog.tryAcquire(needed, bp.timeout().orElseThrow())) {
            throw new QueueFullException("queue full: " + backlog.held() + " of "
                + backlog.capacity() + " deliveries stayed accepted and not finished for "
                + bp.timeout().orElseThrow() + " (backpressure BLOCK); nothing was stored");
          }
          Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
          if (!memory.tryAcquire(needed, left)) {
            backlog.release(needed);
            throw new QueueFullException("queue full: no room for " + needed + " deliveries"
                + " within " + bp.timeout().orElseThrow() + " (backpressure BLOCK); nothing was"
                + " stored");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new QueueFullException("interrupted while waiting for room; nothing was stored");
        }
        return true;
      default:
        return memory.tryAcquire(needed);
    }
  }

  private @Nullable SendReceipt cachedDuplicate(String id, String hash) {
    String known = recent.getIfPresent(id);
    if (known == null) {
      return null;
    }
    if (!known.equals(hash)) {
      throw new IdempotencyConflictException(id);
    }
    return duplicateReceipt(id);
  }

  /**
   * A duplicate's future is the original's: it completes with the final status when the
   * notification finishes, wherever it is sent (not at once with whatever state it is in now).
   */
  private SendReceipt duplicateReceipt(String id) {
    CompletableFuture<NotificationStatus> f = completions.track(id);
    completions.check(id);
    return new SendReceipt(id, true, f);
  }

  /**
   * Stores every checked notification that is not a known duplicate in one log call (one
   * {@link NotificationLog#appendAll} for a batch, so a conflict or a full log stores nothing of
   * it), then hands what is held to the intake.
   *
   * @param places per notification and delivery, its reserved place (a memory permit and, for a
   *     delivery with a lane, a {@link LanePlace}) when it is to be sent from memory now, else
   *     null; null as a whole when every delivery waits in the log (scheduled or spilled). A
   *     delivery whose item is held, and so carries the place, is marked {@code TAKEN}.
   */
  private List<SendReceipt> store(List<Checked> checked,
      @Nullable LanePlace[] @Nullable [] places, Instant now) {
    List<NotificationRecord> records = new ArrayList<>(checked.size());
    List<Integer> positions = new ArrayList<>(checked.size());
    for (int i = 0; i < checked.size(); i++) {
      if (checked.get(i).duplicateOf() == null) {
        records.add(record(checked.get(i), places[i], now));
        positions.add(i);
      }
    }
    List<AppendResult> results = appendAll(records);
    for (int k = 0; k < results.size(); k++) {
      if (results.get(k) instanceof AppendResult.Existing e
          && !e.payloadHash().equals(records.get(k).payloadHash())) {
        // Nothing of the batch was stored.
        throw new IdempotencyConflictException(records.get(k).id());
      }
    }
    List<SendReceipt> receipts = new ArrayList<>(checked.size());
    int k = 0;
    for (int i = 0; i < checked.size(); i++) {
      Checked c = checked.get(i);
      if (c.duplicateOf() != null) {
        receipts.add(c.duplicateOf());
        continue;
      }
      NotificationRecord record = records.get(k);
      AppendResult result = results.get(k++);
      recent.put(record.id(), record.payloadHash());
      receipts.add(result instanceof AppendResult.Appended
          ? appended(c, record, places[positions.get(k - 1)], now)
          : duplicateReceipt(record.id()));
    }
    return receipts;
  }

  private List<AppendResult> appendAll(List<NotificationRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    try {
      return records.size() == 1 ? List.of(log.append(records.get(0))) : log.appendAll(records);
    } catch (LogFullException e) {
      throw new QueueFullException("the notification log is full (" + e.getMessage()
          + "); nothing was stored, retry later");
    } catch (RuntimeException e) {
      releaseClaims(records);
      throw new LogUnavailableException("the notification log failed (" + e.getClass().getName()
          + "); the notification may or may not be stored: send it again with the same id, which"
          + " is safe", e);
    }
  }

  /**
   * An append whose answer was lost may have stored deliveries claimed by this instance that it
   * does not hold: give each back so that it is claimed and sent like spilled work (a fence that
   * does not match means it was not stored, or is someone else's).
   */
  private void releaseClaims(List<NotificationRecord> records) {
    for (NotificationRecord r : records) {
      for (DeliveryRecord d : r.deliveries()) {
        d.fence().ifPresent(f -> retrier.run("releasing " + d.id() + " after a failed append",
            () -> log.transition(d.id(), f, DeliveryUpdate.released()), released -> {
              if (released) {
                memory.markBacklog();
                wakeups.now();
              }
            }));
      }
    }
  }

  private NotificationRecord record(Checked c, @Nullable LanePlace @Nullable [] places,
      Instant now) {
    Notification n = c.n();
    Instant due = c.scheduled() ? n.sendAt().orElseThrow() : now;
    DeliveryState state = c.scheduled() ? DeliveryState.SCHEDULED : DeliveryState.QUEUED;
    List<DeliveryRecord> deliveries = new ArrayList<>(c.plan().size());
    for (int i = 0; i < c.plan().size(); i++) {
      Planner.Planned p = c.plan().get(i);
      boolean held = places != null && places[i] != null;
      deliveries.add(DeliveryRecord.create(n.id() + "/" + (i + 1), n.id(), p.channel(),
          p.address(), n.priority(), state, due, held ? config.instanceId() : null, now));
    }
    return new NotificationRecord(n, c.hash(), now, deliveries);
  }

  /** The notification was stored: hold what has its place, report, and hand out the future. */
  private SendReceipt appended(Checked c, NotificationRecord record,
      @Nullable LanePlace @Nullable [] places, Instant now) {
    Notification n = c.n();
    CompletableFuture<NotificationStatus> future = completions.track(n.id());
    if (record.deliveries().stream().noneMatch(DeliveryRecord::isPlaceholder)) {
      completions.expect(n.id(), record.deliveries().size());
    }
    listeners.accepted(n.id());
    boolean inLog = false;
    List<DeliveryRecord> deliveries = record.deliveries();
    for (int i = 0; i < deliveries.size(); i++) {
      DeliveryRecord d = deliveries.get(i);
      WorkItemView view = WorkItemView.of(d);
      if (places != null && places[i] != null) {
        intake.admit(new WorkItem(record, d, places[i]));
        places[i] = TAKEN;
        listeners.delivery(EventType.QUEUED, view, 0, null, null);
      } else if (c.scheduled()) {
        inLog = true;
        listeners.delivery(EventType.SCHEDULED, view, 0, null, d.dueAt());
      } else {
        inLog = true;
        listeners.delivery(EventType.QUEUED, view, 0, places == null ? "spilled to the log"
            : "waits in the log for its lane", null);
      }
    }
    if (c.scheduled()) {
      wakeups.at(n.sendAt().orElseThrow());
    } else if (inLog) {
      // Waits in the log: another thread may claim, send and finish it before the future above
      // existed, so look once more.
      completions.check(n.id());
      memory.markBacklog();
      wakeups.now();
    }
    return new SendReceipt(n.id(), false, future);
  }
}
