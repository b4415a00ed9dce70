package dev.wfrun.core.render;

/**
 * A referenced object (a SecretReference named by an externalRef) does not exist yet. Unlike other
 * render failures this one can go away: the run waits, saying why, and a later event retries.
 */
public class MissingReferenceException extends RenderException {
  public MissingReferenceException(String message) {
    super(message);
  }
}
