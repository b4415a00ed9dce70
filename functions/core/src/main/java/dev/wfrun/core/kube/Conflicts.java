package dev.wfrun.core.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Optimistic-concurrency retries: a 409 Conflict re-reads and tries again, a bounded number of times. */
public final class Conflicts {
  public static final int ATTEMPTS = 5;

  private Conflicts() {}

  public static <T> T retry(Supplier<T> readModifyWrite) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return readModifyWrite.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  public static boolean isNotFound(KubernetesClientException e) {
    return e.getCode() == 404;
  }

  public static boolean isAlreadyExists(KubernetesClientException e) {
    return e.getCode() == 409;
  }
}
