/**
 * Templates at send and at dispatch. Not API. {@link TemplateRenderer} checks
 * a notification's template reference at {@code send} and renders it per channel and locale at
 * dispatch, falling back from a specific locale to the template's default;
 * {@link MustacheTemplateEngine} is the default template engine.
 */
@NullMarked
package dev.notify.internal.template;

import org.jspecify.annotations.NullMarked;
