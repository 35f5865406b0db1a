package dev.notify.inmemory;

import java.time.Instant;

/**
 * An index key: an instant, made unique by a sequence number so that entries with equal instants
 * keep a stable order (first stored first).
 *
 * @param at the instant the index orders by
 * @param seq a number unique within the index
 */
record SeqKey(Instant at, long seq) implements Comparable<SeqKey> {

  /** @return a key before every key with this instant */
  static SeqKey lowest(Instant at) {
    return new SeqKey(at, Long.MIN_VALUE);
  }

  /** @return a key after every key with this instant */
  static SeqKey highest(Instant at) {
    return new SeqKey(at, Long.MAX_VALUE);
  }

  @Override
  public int compareTo(SeqKey o) {
    int c = at.compareTo(o.at);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }
}
