package dev.wfrun.functions;

/** An event this function can never handle (it names no object it can act on): answered 400, not retried. */
public class InvalidEventException extends IllegalArgumentException {
  public InvalidEventException(String message) {
    super(message);
  }
}
