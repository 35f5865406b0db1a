/**
 * Templates and their parts: a {@link Template} holds, for each of its locales, the
 * {@link TemplateParts} with one {@link TemplateParts.Part} per channel kind; a notification carries
 * a {@link TemplateRef} (the id and the variables) in place of inline content; and a
 * {@link TemplateException} reports what cannot be rendered, naming template, locale, part and
 * variable.
 */
@NullMarked
package dev.notify.template;

import org.jspecify.annotations.NullMarked;
