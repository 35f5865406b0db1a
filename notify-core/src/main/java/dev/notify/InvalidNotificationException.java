package dev.notify;

import static java.util.Objects.requireNonNull;

/**
 * A notification broke a rule that is knowable at {@code send}. Thrown before anything is stored;
 * {@link #field()} names the offending field (for example {@code recipients[0]} or
 * {@code content.data}) and {@link #rule()} the rule it broke.
 */
public class InvalidNotificationException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /** The field that broke the rule, e.g. {@code recipients[0]}. */
  private final String field;
  /** The rule in words, e.g. {@code must be after sendAt}. */
  private final String rule;

  /**
   * Creates the exception for a broken rule.
   *
   * @param field the field that broke the rule, e.g. {@code "expiresAt"}
   * @param rule the rule in words, e.g. {@code "must be after sendAt"}
   */
  public InvalidNotificationException(String field, String rule) {
    super(requireNonNull(field, "field") + ": " + requireNonNull(rule, "rule"));
    this.field = field;
    this.rule = rule;
  }

  /** {@return the field that broke the rule} */
  public String field() {
    return field;
  }

  /** {@return the rule it broke} */
  public String rule() {
    return rule;
  }

  /**
   * The same rule reported against a field nested under {@code prefix}, e.g. a channel's error
   * about {@code address} re-reported as {@code recipients[2].address}.
   */
  InvalidNotificationException under(String prefix) {
    return new InvalidNotificationException(prefix + "." + field, rule);
  }
}
