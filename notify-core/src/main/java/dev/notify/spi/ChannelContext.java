package dev.notify.spi;

import java.time.Clock;
import java.util.concurrent.Executor;

/** What a channel gets from its lane. Thread-safe. */
public interface ChannelContext {

  /** {@return the channel's name} */
  String channelName();

  /**
   * {@return the lane's executor, which also handles the channel's results: for short work only}
   */
  Executor executor();

  /**
   * {@return the lane's blocking pool: run blocking provider calls here (one thread per send in
   * flight), never on {@link #executor()} or the common pool}. A {@link BlockingChannel} does not
   * need it: the engine runs its sends here itself. The default is {@link #executor()}, for
   * contexts that have no separate pool.
   */
  default Executor blockingExecutor() {
    return executor();
  }

  /** {@return the client's scheduler, for timeouts and delayed work} */
  Scheduler scheduler();

  /** {@return the client's clock} */
  Clock clock();

  /** {@return where to report provider receipts that arrive after a send} */
  ReceiptSink receipts();
}
