package dev.notify.spi.store;

import static java.util.Objects.requireNonNull;

import dev.notify.NotifyException;

/**
 * Thrown by {@link TemplateEngine.Compiled#render} when a variable the template uses has no value.
 * The caller adds the template, locale and part to the report.
 */
public class MissingVariableException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /** The variable's name as written in the template. */
  private final String variable;

  /**
   * Creates the exception for one variable.
   *
   * @param variable the variable's name as written in the template, e.g. {@code user.name}
   */
  public MissingVariableException(String variable) {
    super("missing variable '" + requireNonNull(variable, "variable") + "'");
    this.variable = variable;
  }

  /** {@return the variable's name as written in the template} */
  public String variable() {
    return variable;
  }
}
