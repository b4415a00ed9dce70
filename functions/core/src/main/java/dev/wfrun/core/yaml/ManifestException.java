package dev.wfrun.core.yaml;

/** A file cannot be read as Kubernetes manifests; the message names the file and the place. */
public class ManifestException extends RuntimeException {
  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
