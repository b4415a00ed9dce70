package dev.wfrun.core.naming;

/** A name that the Kubernetes API would refuse, found before any request is made with it. */
public class InvalidNameException extends IllegalArgumentException {
  public InvalidNameException(String message) {
    super(message);
  }
}
