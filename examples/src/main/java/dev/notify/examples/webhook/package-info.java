/**
 * A custom channel written on the Channel SPI, as an application would write one: the web-hook
 * channel ({@link dev.notify.examples.webhook.WebhookChannel}), its typed options and the codec
 * that stores them in a durable log, its {@code ChannelProvider} for configuration from
 * properties, and the local receiver it is tested against with the channel compatibility kit.
 */
@NullMarked
package dev.notify.examples.webhook;

import org.jspecify.annotations.NullMarked;
