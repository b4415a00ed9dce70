package dev.wfrun.core.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API server that fails: once enabled, a share of writes answer 500 (the server failed) or, for
 * updates, 409 (someone else wrote first). Reads always work, so a step can re-read and go on.
 */
public final class FlakyDispatcher extends Dispatcher {
  private final Dispatcher delegate = new KubernetesCrudDispatcher();
  private final Random random;
  private final double failureRate;
  private volatile boolean enabled;
  private final AtomicInteger injected = new AtomicInteger();

  public FlakyDispatcher(long seed, double failureRate) {
    this.random = new Random(seed);
    this.failureRate = failureRate;
  }

  public void enable() {
    enabled = true;
  }

  public void disable() {
    enabled = false;
  }

  public int injected() {
    return injected.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    if (enabled && !"GET".equals(method)) {
      double roll;
      boolean conflict;
      synchronized (random) {
        roll = random.nextDouble();
        conflict = random.nextBoolean();
      }
      if (roll < failureRate) {
        injected.incrementAndGet();
        int code = "PUT".equals(method) && conflict ? 409 : 500;
        return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"code\":" + code + ",\"message\":\"injected " + code + "\"}");
      }
    }
    return delegate.dispatch(request);
  }
}
