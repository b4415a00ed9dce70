package dev.wfrun.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the agent needs, from environment variables with defaults as upstream's Helm chart lays
 * the files out: {@code WFRUN_AGENT_GATEWAY_URL} (the cluster gateway, {@code wss://host:8443}),
 * {@code WFRUN_AGENT_PLANE_ID}, {@code WFRUN_AGENT_PLANE_TYPE} (workflowplane),
 * {@code WFRUN_AGENT_CERT} ({@code /certs/tls.crt}), {@code WFRUN_AGENT_KEY} ({@code /certs/tls.key}),
 * {@code WFRUN_AGENT_CA} ({@code /ca-certs/ca.crt}), {@code WFRUN_AGENT_API_SERVER}
 * ({@code https://kubernetes.default.svc}), {@code WFRUN_AGENT_TOKEN_FILE} (the pod's ServiceAccount
 * token), {@code WFRUN_AGENT_API_CA} (the API server's CA), {@code WFRUN_AGENT_READ_IDLE} (90s),
 * {@code WFRUN_AGENT_STREAMS} ({@code watch}: announce wfrun's stream extension; {@code off}: behave
 * as a stock upstream agent).
 */
public record AgentOptions(URI gateway, String planeType, String planeId, Path certificate, Path key, Path ca,
    URI apiServer, Path tokenFile, Path apiServerCa, Duration readIdle, Duration firstBackoff, Duration maxBackoff,
    boolean streams) {

  /** Without the stream extension unless said (as a stock upstream agent). */
  public AgentOptions(URI gateway, String planeType, String planeId, Path certificate, Path key, Path ca,
      URI apiServer, Path tokenFile, Path apiServerCa, Duration readIdle, Duration firstBackoff, Duration maxBackoff) {
    this(gateway, planeType, planeId, certificate, key, ca, apiServer, tokenFile, apiServerCa, readIdle, firstBackoff,
        maxBackoff, false);
  }

  static final String SA = "/var/run/secrets/kubernetes.io/serviceaccount/";

  public static AgentOptions from(Map<String, String> env) {
    String gateway = env.get("WFRUN_AGENT_GATEWAY_URL");
    String planeId = env.get("WFRUN_AGENT_PLANE_ID");
    if (gateway == null || gateway.isBlank()) {
      throw new IllegalArgumentException("WFRUN_AGENT_GATEWAY_URL: required (the cluster gateway, wss://host:8443)");
    }
    if (planeId == null || planeId.isBlank()) {
      throw new IllegalArgumentException("WFRUN_AGENT_PLANE_ID: required (the plane's spec.planeID or name)");
    }
    return new AgentOptions(URI.create(gateway), env.getOrDefault("WFRUN_AGENT_PLANE_TYPE", "workflowplane"), planeId,
        Path.of(env.getOrDefault("WFRUN_AGENT_CERT", "/certs/tls.crt")),
        Path.of(env.getOrDefault("WFRUN_AGENT_KEY", "/certs/tls.key")),
        Path.of(env.getOrDefault("WFRUN_AGENT_CA", "/ca-certs/ca.crt")),
        URI.create(env.getOrDefault("WFRUN_AGENT_API_SERVER", "https://kubernetes.default.svc")),
        Path.of(env.getOrDefault("WFRUN_AGENT_TOKEN_FILE", SA + "token")),
        Path.of(env.getOrDefault("WFRUN_AGENT_API_CA", SA + "ca.crt")),
        Duration.parse("PT" + env.getOrDefault("WFRUN_AGENT_READ_IDLE", "90s").toUpperCase(java.util.Locale.ROOT)),
        Duration.ofSeconds(1), Duration.ofSeconds(60),
        !"off".equals(env.getOrDefault("WFRUN_AGENT_STREAMS", "watch")));
  }

  /**
   * {@code wss://gateway/ws?planeType=...&planeID=...}, as upstream's agent dials it, plus
   * {@code wfrunStreams=watch}: the announcement of wfrun's stream extension (an upstream gateway
   * ignores the parameter; wfrun's gateway then watches instead of polling).
   */
  public URI dialUri() {
    String base = gateway.toString().replaceAll("/+$", "");
    return URI.create(base + "/ws?planeType=" + java.net.URLEncoder.encode(planeType, java.nio.charset.StandardCharsets.UTF_8)
        + "&planeID=" + java.net.URLEncoder.encode(planeId, java.nio.charset.StandardCharsets.UTF_8)
        + (streams ? "&" + STREAMS_PARAMETER + "=watch" : ""));
  }

  /** The query parameter that announces wfrun's stream extension. */
  public static final String STREAMS_PARAMETER = "wfrunStreams";
}
