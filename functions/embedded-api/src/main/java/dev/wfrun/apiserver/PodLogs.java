package dev.wfrun.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Container logs, which the CRUD mock does not keep: whoever plays the kubelet (a test, the simulated
 * build plane) appends timestamped lines per pod and container, and {@code GET .../pods/{p}/log} serves
 * them as the kubelet does, with {@code container}, {@code timestamps}, {@code sinceSeconds},
 * {@code tailLines} and {@code limitBytes}. A pod that does not exist is a 404 (checked against the
 * store by the dispatcher), a container that never logged a 400 naming it.
 */
public final class PodLogs {
  /** One line as the container wrote it, and when. */
  public record Line(Instant time, String text) {}

  private final Map<String, List<Line>> lines = new ConcurrentHashMap<>();
  private final java.util.Set<String> finished = ConcurrentHashMap.newKeySet();

  /** Appends a line to a container's log. */
  public void append(String namespace, String pod, String container, Instant time, String text) {
    lines.computeIfAbsent(key(namespace, pod, container), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(new Line(time, text));
  }

  /** Drops a pod's logs (the pod was deleted). */
  public void forget(String namespace, String pod) {
    lines.keySet().removeIf(k -> k.startsWith(namespace + "/" + pod + "/"));
    finished.removeIf(k -> k.startsWith(namespace + "/" + pod + "/"));
  }

  /** The container has terminated: a follow of its log ends once it has sent every line. */
  public void finish(String namespace, String pod, String container) {
    finished.add(key(namespace, pod, container));
  }

  /**
   * The container's lines so far (the pod's only container when {@code container} is empty), for a
   * follow that serves them as they come; null when it never logged.
   */
  public List<Line> snapshot(String namespace, String pod, String container) {
    List<Line> log = container.isEmpty() ? onlyContainer(namespace, pod) : lines.get(key(namespace, pod, container));
    if (log == null) {
      return null;
    }
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Whether the container has terminated (or its pod is gone). */
  public boolean finished(String namespace, String pod, String container) {
    if (container.isEmpty()) {
      List<String> keys = lines.keySet().stream().filter(k -> k.startsWith(namespace + "/" + pod + "/")).toList();
      return keys.isEmpty() || keys.stream().allMatch(finished::contains);
    }
    return finished.contains(key(namespace, pod, container)) || !lines.containsKey(key(namespace, pod, container));
  }

  MockResponse serve(String namespace, String pod, Map<String, String> query, Instant now) {
    String container = query.getOrDefault("container", "");
    List<Line> log = container.isEmpty() ? onlyContainer(namespace, pod) : lines.get(key(namespace, pod, container));
    if (log == null) {
      return ApiStatus.badRequest(container.isEmpty()
          ? "a container name must be specified for pod " + pod
          : "container " + container + " is not valid for pod " + pod);
    }
    boolean timestamps = "true".equals(query.get("timestamps"));
    Instant since = query.containsKey("sinceSeconds")
        ? now.minusSeconds(Long.parseLong(query.get("sinceSeconds"))) : Instant.MIN;
    List<Line> shown;
    synchronized (log) {
      shown = log.stream().filter(l -> !l.time().isBefore(since)).toList();
    }
    if (query.containsKey("tailLines")) {
      int tail = Integer.parseInt(query.get("tailLines"));
      shown = shown.subList(Math.max(0, shown.size() - tail), shown.size());
    }
    StringBuilder out = new StringBuilder();
    for (Line l : shown) {
      out.append(timestamps ? l.time() + " " : "").append(l.text()).append('\n');
    }
    String body = out.toString();
    if (query.containsKey("limitBytes")) {
      int limit = Integer.parseInt(query.get("limitBytes"));
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (bytes.length > limit) {
        body = new String(bytes, 0, limit, java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(body);
  }

  private List<Line> onlyContainer(String namespace, String pod) {
    List<String> keys = lines.keySet().stream().filter(k -> k.startsWith(namespace + "/" + pod + "/")).toList();
    return keys.size() == 1 ? lines.get(keys.get(0)) : null;
  }

  private static String key(String namespace, String pod, String container) {
    return namespace + "/" + pod + "/" + container;
  }
}
