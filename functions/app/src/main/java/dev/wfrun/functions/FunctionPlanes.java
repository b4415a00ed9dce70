package dev.wfrun.functions;

import dev.wfrun.core.cluster.BuildPlanes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link BuildPlanes} per function, over that function's own client. */
public final class FunctionPlanes implements AutoCloseable {
  private final FunctionIdentities identities;
  private final java.util.Optional<java.net.URI> clusterGateway;
  private final Map<String, BuildPlanes> planes = new ConcurrentHashMap<>();

  /** @param clusterGateway where planes behind a cluster agent are reached ({@code wfrun.cluster-gateway.url}) */
  public FunctionPlanes(FunctionIdentities identities, java.util.Optional<java.net.URI> clusterGateway) {
    this.identities = identities;
    this.clusterGateway = clusterGateway;
  }

  public BuildPlanes of(String function) {
    return planes.computeIfAbsent(function, f -> new BuildPlanes(identities.clientOf(f), clusterGateway));
  }

  @Override
  public void close() {
    planes.values().forEach(BuildPlanes::close);
  }
}
