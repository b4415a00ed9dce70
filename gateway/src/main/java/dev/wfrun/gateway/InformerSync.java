package dev.wfrun.gateway;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Informers started together, so their initial lists overlap instead of queueing one behind the
 * other (each {@code inform()} blocks until its list is in), and a way to wait until all are in.
 */
final class InformerSync {
  private final CompletableFuture<Void> synced;

  private InformerSync(CompletableFuture<Void> synced) {
    this.synced = synced;
  }

  static InformerSync start(SharedIndexInformer<?>... informers) {
    return new InformerSync(CompletableFuture.allOf(Arrays.stream(informers)
        .map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new)));
  }

  /** Blocks until every informer has listed; throws what the first failed list threw. */
  void await() {
    try {
      synced.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
