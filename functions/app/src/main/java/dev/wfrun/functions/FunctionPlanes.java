package dev.wfrun.functions;

import dev.wfrun.core.cluster.BuildPlanes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link BuildPlanes} per function, over that function's own client. */
public final class FunctionPlanes implements AutoCloseable {
  private final FunctionIdentities identities;
  private final Map<String, BuildPlanes> planes = new ConcurrentHashMap<>();

  public FunctionPlanes(FunctionIdentities identities) {
    this.identities = identities;
  }

  public BuildPlanes of(String function) {
    return planes.computeIfAbsent(function, f -> new BuildPlanes(identities.clientOf(f)));
  }

  @Override
  public void close() {
    planes.values().forEach(BuildPlanes::close);
  }
}
