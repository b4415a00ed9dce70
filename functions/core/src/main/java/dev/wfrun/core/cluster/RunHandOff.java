package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Hands the runs a verified delivery asks for on so that, when it completes, every run exists in
 * the API server (the webhook's 2xx promises exactly that). A run that already exists is a
 * redelivery. The others go to the channel (the Broker and create-runs) when there is one; a run
 * the channel has not created within {@code confirmWithin} (create-runs down, the event dead
 * lettered) is created here, idempotently, by its deterministic name. Without a channel the runs
 * are created here, each with one create (AlreadyExists is the redelivery). Only a failure to create
 * fails the hand-off, so the provider retries.
 */
public final class RunHandOff {
  /** Where runs are announced for create-runs (the Knative Broker); completes once it accepted them. */
  @FunctionalInterface
  public interface Channel {
    CompletableFuture<Void> send(List<WorkflowRun> runs, String traceparent);
  }

  /** What a hand-off did: runs created (by create-runs or here) and runs that already existed. */
  public record Outcome(int created, int duplicates, int createdHere) {}

  private static final Duration POLL = Duration.ofMillis(50);
  private final KubernetesClient client;
  private final RunCreator creator;
  private final Optional<Channel> channel;
  private final Duration confirmWithin;
  private final Executor executor;

  public RunHandOff(KubernetesClient client, Optional<Channel> channel, Duration confirmWithin, Executor executor) {
    this.client = client;
    this.creator = new RunCreator(client);
    this.channel = channel;
    this.confirmWithin = confirmWithin;
    this.executor = executor;
  }

  public CompletableFuture<Outcome> submit(List<WorkflowRun> runs, String traceparent) {
    if (channel.isEmpty()) {
      // one round trip per run: a create answered AlreadyExists is the redelivery a read would have found
      return CompletableFuture.supplyAsync(() -> {
        int created = createAll(runs);
        return new Outcome(created, runs.size() - created, created);
      }, executor);
    }
    return CompletableFuture.supplyAsync(() -> existing(runs), executor).thenCompose(split -> {
      if (split.fresh().isEmpty()) {
        return CompletableFuture.completedFuture(new Outcome(0, split.duplicates(), 0));
      }
      CompletableFuture<Void> announced = channel.get().send(split.fresh(), traceparent)
          .exceptionally(brokerFailed -> null);
      return announced.thenApplyAsync(sent -> {
        int here = confirmOrCreate(split.fresh());
        return new Outcome(split.fresh().size(), split.duplicates(), here);
      }, executor);
    });
  }

  private record Split(List<WorkflowRun> fresh, int duplicates) {}

  private Split existing(List<WorkflowRun> runs) {
    List<WorkflowRun> fresh = new ArrayList<>();
    int duplicates = 0;
    for (WorkflowRun run : runs) {
      if (exists(run)) {
        duplicates++;
      } else {
        fresh.add(run);
      }
    }
    return new Split(fresh, duplicates);
  }

  private int createAll(List<WorkflowRun> runs) {
    int created = 0;
    for (WorkflowRun run : runs) {
      created += creator.create(run).kind() == StepResult.Kind.DONE ? 1 : 0;
    }
    return created;
  }

  /** Waits for create-runs; creates whatever it has not created in time. */
  private int confirmOrCreate(List<WorkflowRun> runs) {
    List<WorkflowRun> missing = new ArrayList<>(runs);
    long deadline = System.nanoTime() + confirmWithin.toNanos();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      missing.removeIf(this::exists);
      if (!missing.isEmpty()) {
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    missing.removeIf(this::exists);
    return createAll(missing);
  }

  private boolean exists(WorkflowRun run) {
    try {
      return client.resources(WorkflowRun.class).inNamespace(run.getMetadata().getNamespace())
          .withName(run.getMetadata().getName()).get() != null;
    } catch (KubernetesClientException e) {
      throw e;
    }
  }
}
