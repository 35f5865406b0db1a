/**
 * The priority queue of the intake and of every lane. Not API.
 * {@link WeightedQueue} takes HIGH, NORMAL and LOW work in a fixed 8:4:1 cycle, so LOW is never
 * starved.
 */
@NullMarked
package dev.notify.internal.queue;

import org.jspecify.annotations.NullMarked;
