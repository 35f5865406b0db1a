/**
 * The end-to-end scenarios of {@code bench/run}, one class each (pipeline, APNs, email, durable,
 * load shape, memory), with the local providers they run against (a no-op channel, a paced
 * channel, pushy's MockApnsServer, GreenMail). Each runs the SDK and its baseline interleaved.
 */
package dev.notify.bench.scenario;
