package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.WorkflowRun;
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
  public static final String TYPE = "dev.wfrun.autobuild.run.requested";
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
    return CloudEventBuilder.v1()
        .withId(UUID.randomUUID().toString())
        .withSource(SOURCE)
        .withType(TYPE)
        .withSubject(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName())
        .withDataContentType("application/json")
        .withData(Serialization.asJson(run).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private CompletableFuture<Void> send(CloudEvent event, String traceparent) {
    HttpRequest.Builder request = HttpRequest.newBuilder(broker)
        .timeout(Duration.ofSeconds(5))
        .header("ce-specversion", event.getSpecVersion().toString())
        .header("ce-id", event.getId())
        .header("ce-source", event.getSource().toString())
        .header("ce-type", event.getType())
        .header("ce-subject", event.getSubject())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(event.getData().toBytes()));
    if (traceparent != null && !traceparent.isEmpty()) {
      request.header("ce-traceparent", traceparent);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("broker answered " + response.statusCode());
      }
    });
  }
}
