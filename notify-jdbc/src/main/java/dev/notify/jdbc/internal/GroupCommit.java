package dev.notify.jdbc.internal;

import dev.notify.LogUnavailableException;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.Transition;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the single appends and transitions of many threads into few transactions. Callers hand
 * their write to a committer thread and wait for its commit; the committer takes everything that
 * queued while the previous commit ran, and, when callers are arriving together, waits up to
 * {@code maxWait} for more, so that many writes share one commit (one fsync) instead of paying one
 * each. Each write in a batch is independent of the others: a duplicate or a refused fence is that
 * write's answer only. When the batch's transaction fails as a whole (a lost race on an id, a
 * deadlock, a lost connection), every write of it is run again on its own, so each caller gets the
 * answer its own write deserves.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private final Db db;
  private final Appends appends;
  private final Transitions transitions;
  private final long maxWaitNanos;
  private final int maxBatch;
  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final List<Thread> committers = new ArrayList<>();
  private volatile boolean closed;

  /** One caller's write and where its answer goes. */
  private sealed interface Op permits AppendOp, TransitionOp {
    String key();

    CompletableFuture<Object> answer();
  }

  private record AppendOp(Appends.Encoded record, CompletableFuture<Object> answer) implements Op {
    @Override
    public String key() {
      return "a" + record.record().id();
    }
  }

  private record TransitionOp(Transition transition, CompletableFuture<Object> answer)
      implements Op {
    @Override
    public String key() {
      return "t" + transition.deliveryId();
    }
  }

  /**
   * Starts the committer thread.
   *
   * @param db the database
   * @param appends how an append is written
   * @param transitions how a transition is written
   * @param maxWait how long a batch waits for more writes while callers arrive together
   * @param maxBatch the most writes in one transaction
   * @param committers how many batches may commit at once (each on its own connection): while
   *     one waits for its commit to reach the disk, the next is being built and sent
   * @param threadName the committer threads' names, numbered from 1
   */
  public GroupCommit(Db db, Appends appends, Transitions transitions, Duration maxWait,
      int maxBatch, int committers, String threadName) {
    this.db = db;
    this.appends = appends;
    this.transitions = transitions;
    this.maxWaitNanos = maxWait.toNanos();
    this.maxBatch = maxBatch;
    for (int i = 0; i < committers; i++) {
      Thread t = new Thread(this::run, threadName + (i + 1));
      t.setDaemon(true);
      t.start();
      this.committers.add(t);
    }
  }

  /**
   * Appends one record, returning once its batch committed.
   *
   * @param record the checked and encoded record
   * @return its answer
   */
  public AppendResult append(Appends.Encoded record) {
    return (AppendResult) await(new AppendOp(record, new CompletableFuture<>()));
  }

  /**
   * Applies one transition, returning once its batch committed.
   *
   * @param t the transition
   * @return whether it was applied
   */
  public boolean transition(Transition t) {
    return (Boolean) await(new TransitionOp(t, new CompletableFuture<>()));
  }

  private Object await(Op op) {
    if (closed) {
      throw new LogUnavailableException("the JDBC notification log is closed");
    }
    queue.add(op);
    try {
      return op.answer().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted while waiting for the commit of a write;"
          + " it may or may not have been committed", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new LogUnavailableException("a write failed: " + e.getCause(), e.getCause());
    }
  }

  private void run() {
    List<Op> batch = new ArrayList<>();
    int lastBatch = 0;
    while (!closed) {
      try {
        Op first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        // Callers answered by the last batch are likely writing again: wait, at most maxWait,
        // until as many writes as it had have queued, so that they share one commit.
        int target = Math.min(maxBatch, lastBatch);
        if (maxWaitNanos > 0 && batch.size() < target) {
          long deadline = System.nanoTime() + maxWaitNanos;
          long left;
          while (batch.size() < target && (left = deadline - System.nanoTime()) > 0) {
            Op more = queue.poll(left, TimeUnit.NANOSECONDS);
            if (more == null) {
              break;
            }
            batch.add(more);
            queue.drainTo(batch, maxBatch - batch.size());
          }
        }
        lastBatch = batch.size();
        commit(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("notify-jdbc group commit failed unexpectedly", e);
        batch.forEach(op -> op.answer().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    List<Op> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(op -> op.answer().completeExceptionally(
        new LogUnavailableException("the JDBC notification log is closed")));
  }

  private void commit(List<Op> batch) {
    if (batch.size() == 1) {
      alone(batch.get(0), false);
      return;
    }
    batch.sort(Comparator.comparing(Op::key));
    Object[] answers = new Object[batch.size()];
    try {
      db.once((c, now) -> {
        List<Appends.Encoded> as = new ArrayList<>();
        List<Integer> asAt = new ArrayList<>();
        List<Transition> ts = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          Op op = batch.get(i);
          if (op instanceof AppendOp a) {
            as.add(a.record());
            asAt.add(i);
          } else if (op instanceof TransitionOp t) {
            ts.add(t.transition());
            at.add(i);
          }
        }
        if (!as.isEmpty()) {
          List<Object> appended = appends.appendEach(c, now, as);
          for (int k = 0; k < appended.size(); k++) {
            answers[asAt.get(k)] = appended.get(k);
          }
        }
        List<Boolean> applied = transitions.applyAll(c, now, ts);
        for (int k = 0; k < applied.size(); k++) {
          answers[at.get(k)] = applied.get(k);
        }
        return null;
      });
    } catch (SQLException | RuntimeException e) {
      LOG.debug("a batch of {} writes failed as a whole; each runs alone: {}", batch.size(),
          e.toString());
      boolean mayHaveCommitted = e instanceof Db.AmbiguousCommitException;
      batch.forEach(op -> alone(op, mayHaveCommitted));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      if (answers[i] instanceof RuntimeException r) {
        batch.get(i).answer().completeExceptionally(r);
      } else {
        batch.get(i).answer().complete(answers[i]);
      }
    }
  }

  /**
   * Runs one write in a transaction of its own.
   *
   * @param afterFailedBatch true when the write was part of a batch whose commit failed: that
   *     transaction may have committed after all (a connection lost at the commit), so an
   *     append that now finds its own id with its own hash may be its own earlier write, still
   *     claimed by this instance. It is answered with {@link LogUnavailableException}, the SPI's
   *     ambiguous failure, so that the caller gives the claims back and sends again (a
   *     duplicate), instead of a plain duplicate that would leave the claims stranded.
   */
  private void alone(Op op, boolean afterFailedBatch) {
    try {
      if (op instanceof AppendOp a) {
        AppendResult r = appends.raced("append a notification",
            (c, now) -> appends.appendOne(c, now, a.record()));
        if (afterFailedBatch && r instanceof AppendResult.Existing e
            && e.payloadHash().equals(a.record().record().payloadHash())) {
          throw new LogUnavailableException("the transaction of a batch of appends failed and"
              + " notification " + a.record().record().id() + " is stored now: it may be this"
              + " append's own, so its outcome is ambiguous; send it again with the same id");
        }
        op.answer().complete(r);
      } else if (op instanceof TransitionOp t) {
        op.answer().complete(transitions.transitionAll(List.of(t.transition())).get(0));
      }
    } catch (RuntimeException e) {
      op.answer().completeExceptionally(e);
    }
  }

  /** Stops the committers; writes still queued fail with {@link LogUnavailableException}. */
  @Override
  public void close() {
    closed = true; // each committer finishes its batch, fails what is queued, and ends
    for (Thread committer : committers) {
      try {
        committer.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (committer.isAlive()) {
        committer.interrupt();
      }
    }
  }
}
