package dev.wfrun.core.template;

/**
 * The value of {@code oc_omit()}: a map entry or list element holding it is removed from the
 * rendered output. Identity-compared; equal only to itself.
 */
public enum Omit {
  VALUE;

  @Override
  public String toString() {
    return "{}";
  }
}
