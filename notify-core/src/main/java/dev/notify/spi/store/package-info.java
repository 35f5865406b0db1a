/**
 * The stores and engines a client reads at dispatch, to implement over the host
 * application's own systems: the {@link RecipientDirectory} (with its {@link GroupPage}s), the
 * {@link PreferenceStore}, the {@link TemplateStore}, the {@link TemplateEngine} (which throws
 * {@link MissingVariableException}) and the {@link RateLimitStore}. The ones notify ships are in
 * {@code dev.notify.inmemory} and {@code dev.notify.bucket4j}.
 */
@NullMarked
package dev.notify.spi.store;

import org.jspecify.annotations.NullMarked;
