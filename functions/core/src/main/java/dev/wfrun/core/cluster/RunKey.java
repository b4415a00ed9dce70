package dev.wfrun.core.cluster;

/** Which WorkflowRun an event is about; the function reads the object's current state itself. */
public record RunKey(String namespace, String name) {
  public RunKey {
    if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a WorkflowRun key needs a namespace and a name, got " + namespace + "/" + name);
    }
  }

  /** Parses {@code namespace/name}, the form of an ApiServerSource subject's tail. */
  public static RunKey parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("expected namespace/name, got \"" + text + "\"");
    }
    return new RunKey(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
