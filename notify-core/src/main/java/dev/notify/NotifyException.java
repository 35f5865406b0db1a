package dev.notify;

/**
 * The root of every exception notify throws on its own account. Unchecked: a notification that
 * cannot be accepted is a programming or capacity problem the caller handles where it wants.
 */
public class NotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, never containing a full address or secret
   */
  public NotifyException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public NotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
