package dev.notify.template;

import static java.util.Objects.requireNonNull;

import dev.notify.InvalidNotificationException;
import dev.notify.NotifyException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A template could not be rendered: it does not exist, has no part for the channel, does not
 * compile, or lacks a variable. At {@code send} the same problems are reported as an
 * {@link InvalidNotificationException} with the same {@link #field()} and {@link #rule()}; this
 * exception is what rendering at dispatch throws, and the delivery then ends FAILED with this
 * message as its reason.
 *
 * <p>{@link #field()} names the template, locale, part and field, e.g.
 * {@code template.order-shipped[ko].email.subject}; {@link #rule()} says what is wrong, e.g.
 * {@code missing variable 'name'}. The message never contains variable values.
 */
public class TemplateException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /** The template's id. */
  private final String templateId;
  /** The variant's locale, or {@code null} when the problem is not in a variant. */
  private final @Nullable Locale locale;
  /** The part and field, e.g. {@code email.subject}, or {@code null}. */
  private final @Nullable String part;
  /** The missing variable, or {@code null} for other problems. */
  private final @Nullable String variable;
  /** The field in {@link InvalidNotificationException} form. */
  private final String field;
  /** What is wrong, e.g. {@code missing variable 'name'}. */
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param templateId the template's id
   * @param locale the variant's locale, or {@code null} when the problem is not in a variant
   * @param part the part and field, e.g. {@code email.subject} or {@code sms}, or {@code null}
   * @param variable the missing variable, or {@code null} for other problems
   * @param rule what is wrong, e.g. {@code missing variable 'name'}
   */
  public TemplateException(String templateId, @Nullable Locale locale, @Nullable String part,
      @Nullable String variable, String rule) {
    super(field(templateId, locale, part) + ": " + requireNonNull(rule, "rule"));
    this.templateId = templateId;
    this.locale = locale;
    this.part = part;
    this.variable = variable;
    this.field = field(templateId, locale, part);
    this.rule = rule;
  }

  private static String field(String templateId, @Nullable Locale locale,
      @Nullable String part) {
    requireNonNull(templateId, "templateId");
    return "template." + templateId + (locale != null ? "[" + locale.toLanguageTag() + "]" : "")
        + (part != null ? "." + part : "");
  }

  /** {@return the template's id} */
  public String templateId() {
    return templateId;
  }

  /** {@return the locale of the variant where the problem is, if it is in one} */
  public Optional<Locale> locale() {
    return Optional.ofNullable(locale);
  }

  /** {@return the part and field, e.g. {@code email.subject}, if the problem is in one} */
  public Optional<String> part() {
    return Optional.ofNullable(part);
  }

  /** {@return the missing variable, if that is the problem} */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  /**
   * {@return the field in {@link InvalidNotificationException} form, e.g.
   * {@code template.order-shipped[ko].email.subject}}
   */
  public String field() {
    return field;
  }

  /** {@return the rule broken, e.g. {@code missing variable 'name'}} */
  public String rule() {
    return rule;
  }

  /** {@return the same problem as an {@link InvalidNotificationException}, for {@code send}} */
  public InvalidNotificationException toInvalidNotification() {
    return new InvalidNotificationException(field, rule);
  }
}
