package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.events.BinaryCloudEvents;
import dev.wfrun.core.events.CloudEventTypes;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.wfrun.core.cluster.RunHandOff;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One CloudEvent per run ({@value #TYPE}, binary mode, the delivery's {@code traceparent}
 * carried) posted to the Knative Broker; create-runs creates the run ({@link RunHandOff} confirms it).
 */
public final class BrokerRunSubmitter {
  public static final String TYPE = CloudEventTypes.RUN_REQUESTED;
  static final URI SOURCE = URI.create("wfrun/gateway");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI broker;

  public BrokerRunSubmitter(URI broker) {
    this.broker = broker;
  }

  /** Completes when the Broker accepted every run's event. */
  public CompletableFuture<Void> send(List<WorkflowRun> runs, String traceparent) {
    CompletableFuture<?>[] sends = runs.stream().map(run -> send(event(run), traceparent)).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(sends);
  }

  static CloudEvent event(WorkflowRun run) {
    return BinaryCloudEvents.json(TYPE, SOURCE.toString(), Serialization.asJson(run).getBytes(StandardCharsets.UTF_8))
        .withSubject(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName())
        .build();
  }

  private CompletableFuture<Void> send(CloudEvent event, String traceparent) {
    CloudEvent traced = traceparent == null || traceparent.isEmpty() ? event
        : CloudEventBuilder.from(event).withExtension(CloudEventTypes.TRACEPARENT_ATTRIBUTE, traceparent).build();
    HttpRequest.Builder request = BinaryCloudEvents.post(broker, traced).timeout(Duration.ofSeconds(5));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("broker answered " + response.statusCode());
      }
    });
  }
}
