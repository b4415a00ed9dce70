package dev.wfrun.core.tunnel;

/** A tunnel frame that cannot be read: not JSON, not an object, too large, or bad base64. */
public class MalformedFrameException extends IllegalArgumentException {
  public MalformedFrameException(String message) {
    super(message);
  }
}
