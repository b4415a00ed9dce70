package dev.wfrun.core.render;

/** A run cannot be rendered; the message names the template position and the cause. */
public class RenderException extends RuntimeException {
  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
