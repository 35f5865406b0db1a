package dev.notify;

import static java.util.Objects.requireNonNull;

/**
 * A notification broke a rule that is knowable at {@code send}. Thrown before anything is stored;
 * {@link #field()} names the offending field and {@link #rule()} the rule it broke.
 *
 * <p>Fields are paths into the {@link Notification} as built, one scheme everywhere: {@code id},
 * {@code recipients[0]} (the recipient itself: its address, user id or group id), {@code targets[1]},
 * {@code category}, {@code content.title} ({@code .body}, {@code .subject}, {@code .text},
 * {@code .html}), {@code content.data} (the map, or one of its keys) and {@code content.data.<key>}
 * (a value), {@code metadata} and {@code metadata.<key>}, {@code template},
 * {@code template.variables.a.b[2]}, {@code options[<class name>]} (an options object as a whole)
 * and {@code options.<component>} (one of its parts, as a channel checks it), {@code sendAt},
 * {@code expiresAt}; a
 * channel may add a field of its own, such as {@code payload} for the encoded push. A channel's
 * {@code validate} names {@code address} for the message's address; the client reports it as the
 * recipient's field, {@code recipients[i]}. In {@code sendAll} each field is prefixed with the
 * notification's place in the batch: {@code notifications[3].recipients[0]}.
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

}
