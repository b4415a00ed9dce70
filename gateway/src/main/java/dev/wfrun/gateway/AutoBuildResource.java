package dev.wfrun.gateway;

import dev.wfrun.core.webhook.AutoBuild;
import dev.wfrun.core.webhook.AutoBuildResult;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.GitProviders;
import dev.wfrun.core.webhook.WebhookHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1alpha1/autobuild} (provider detected from headers, as upstream) and
 * {@code POST /api/v1alpha1/autobuild/{github|gitlab|bitbucket}}. Answers with upstream's bodies;
 * 2xx only once every run the delivery asked for exists in the API server ({@link
 * dev.wfrun.core.cluster.RunHandOff}), 503 when the API server failed or the runs could not be
 * confirmed within the answer deadline, so the provider retries (idempotently: run names are
 * derived from the delivery).
 */
@Path("/api/v1alpha1/autobuild")
public class AutoBuildResource {
  private static final Logger LOG = Logger.getLogger(AutoBuildResource.class);
  static final String PATHS_UNVERIFIED = "X-Wfrun-Paths-Unverified";

  @Inject AutoBuild autoBuild;
  @Inject dev.wfrun.core.cluster.RunHandOff handOff;
  @Inject MeterRegistry metrics;

  /** How long a delivery waits for its runs to exist; past it the answer is 503 and the provider may redeliver. */
  @ConfigProperty(name = "wfrun.gateway.answer-within", defaultValue = "8s")
  Duration answerWithin;

  /** Off in the Workload API's own deployment (its ServiceAccount cannot read the webhook Secret). */
  @ConfigProperty(name = "wfrun.gateway.autobuild.enabled", defaultValue = "true")
  boolean enabled;

  @POST
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<Response> detect(byte[] body, @Context HttpHeaders headers) {
    return handle(null, body, headers);
  }

  @POST
  @Path("{provider}")
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<Response> forProvider(@PathParam("provider") String provider, byte[] body,
      @Context HttpHeaders headers) {
    return GitProviders.byId(provider)
        .map(p -> handle(p, body, headers))
        .orElseGet(() -> CompletableFuture.completedFuture(Problems.of(404, "Unknown provider",
            "no provider \"" + provider + "\": use one of " + GitProviders.ids())));
  }

  /**
   * Verifies, parses and matches on the event loop (all from memory: informer caches, no I/O, work
   * linear in the bounded body), then hands the runs on off the event loop; the answer waits at most
   * {@code answer-within}.
   */
  private CompletionStage<Response> handle(GitProvider provider, byte[] body, HttpHeaders httpHeaders) {
    if (!enabled) {
      return CompletableFuture.completedFuture(
          Problems.of(404, "Not Found", "webhooks are not served here (wfrun.gateway.autobuild.enabled=false)"));
    }
    Timer.Sample sample = Timer.start(metrics);
    AutoBuildResult result = autoBuild.handle(provider, WebhookHeaders.ofAll(httpHeaders.getRequestHeaders()),
        body == null ? new byte[0] : body);
    if (result.status() == 503) {
      LOG.warnf("webhook refused with 503: %s", result.body().trim());
    }
    metrics.counter("wfrun.webhooks.received", "status", String.valueOf(result.status())).increment();
    if (result.status() == 429) {
      metrics.counter("wfrun.webhooks.rejected", "reason", "rate-limited").increment();
      return done(sample, Response.status(429).type(MediaType.APPLICATION_JSON)
          .header("Retry-After", result.retryAfterSeconds()).entity(result.body()).build());
    }
    if (result.status() >= 400) {
      metrics.counter("wfrun.webhooks.rejected", "reason", String.valueOf(result.status())).increment();
    }
    if (result.runs().isEmpty()) {
      return done(sample, answer(result, false));
    }
    metrics.counter("wfrun.webhooks.components.matched").increment(result.runs().size());
    if (result.pathsUnverified()) {
      metrics.counter("wfrun.webhooks.paths.unverified").increment();
    }
    return handOff.submit(result.runs(), java.util.Objects.requireNonNullElse(httpHeaders.getHeaderString("traceparent"), ""))
        .orTimeout(answerWithin.toMillis(), TimeUnit.MILLISECONDS)
        .handle((outcome, error) -> {
          sample.stop(metrics.timer("wfrun.webhooks.latency"));
          if (error == null) {
            metrics.counter("wfrun.webhooks.duplicates").increment(outcome.duplicates());
            metrics.counter("wfrun.webhooks.runs.created").increment(outcome.created());
            if (outcome.createdHere() > 0 && result.runs().size() > outcome.duplicates()) {
              metrics.counter("wfrun.webhooks.handoff.fallback").increment(outcome.createdHere());
            }
            return answer(result, result.pathsUnverified());
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (cause instanceof TimeoutException) {
            LOG.warnf("runs for %d components not confirmed within %s; answering 503 so the delivery is retried",
                result.runs().size(), answerWithin);
            return Problems.of(503, "Runs not confirmed in time",
                "the runs could not be confirmed within " + answerWithin.toMillis() + " ms; retry the delivery");
          }
          LOG.warnf("could not hand on %d runs: %s", result.runs().size(), cause.getMessage());
          metrics.counter("wfrun.webhooks.rejected", "reason", "downstream").increment();
          return Problems.of(503, "Runs could not be created", "the API server or Broker failed; retry the delivery");
        });
  }

  private CompletionStage<Response> done(Timer.Sample sample, Response response) {
    sample.stop(metrics.timer("wfrun.webhooks.latency"));
    return CompletableFuture.completedFuture(response);
  }

  /**
   * Upstream's body; with {@value #PATHS_UNVERIFIED} when the provider's file list was incomplete,
   * so Components were built without proof that their {@code appPath} changed.
   */
  private static Response answer(dev.wfrun.core.webhook.AutoBuildResult result, boolean pathsUnverified) {
    String type = result.isJson() ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN + "; charset=utf-8";
    Response.ResponseBuilder response = Response.status(result.status()).type(type).entity(result.body());
    if (pathsUnverified) {
      response.header(PATHS_UNVERIFIED, "incomplete file list from the provider; appPath filter not applied");
    }
    return response.build();
  }
}
