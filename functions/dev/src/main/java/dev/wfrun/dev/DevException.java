package dev.wfrun.dev;

/** Why {@code wfrun dev} cannot start or go on, in one line a user can act on. */
public class DevException extends RuntimeException {
  public DevException(String message) {
    super(message);
  }

  public DevException(String message, Throwable cause) {
    super(message, cause);
  }
}
