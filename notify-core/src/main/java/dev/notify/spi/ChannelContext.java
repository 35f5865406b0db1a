package dev.notify.spi;

import java.time.Clock;
import java.util.concurrent.Executor;

/** What a channel gets from its lane. Thread-safe. */
public interface ChannelContext {

  /** {@return the channel's name} */
  String channelName();

  /**
   * {@return the lane's bounded executor: run blocking provider calls here, never on the common
   * pool}
   */
  Executor executor();

  /** {@return the client's scheduler, for timeouts and delayed work} */
  Scheduler scheduler();

  /** {@return the client's clock} */
  Clock clock();

  /** {@return where to report provider receipts that arrive after a send} */
  ReceiptSink receipts();
}
