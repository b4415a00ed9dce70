package dev.wfrun.core.kube;

/** A build-plane object of the wanted name exists and belongs to something else. */
public class ForeignObjectException extends RuntimeException {
  public ForeignObjectException(String message) {
    super(message);
  }
}
