package dev.wfrun.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Whether an API server's answer during dispatch will not change by retrying (a refusal: 400, 403,
 * 404 on a create, 413, 422) or may (409 conflicts, 429, 5xx, no answer), and its words for a
 * condition message.
 */
final class BuildPlaneRefusal {
  private BuildPlaneRefusal() {}

  static boolean isPermanent(KubernetesClientException e) {
    int code = e.getCode();
    return code == 400 || code == 403 || code == 404 || code == 405 || code == 413 || code == 415 || code == 422;
  }

  static String describe(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    return "the build plane's API server refused the run's objects (HTTP " + e.getCode() + "): " + message;
  }
}
