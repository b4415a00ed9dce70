package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Option;

/**
 * The run API as the CLI calls it. Where it is: {@code --api}, else {@code WFRUN_API_URL}, else the URL
 * {@code wfrun dev} wrote ({@code target/wfrun-dev/run-api.url}). Who calls: {@code --token}, else
 * {@code WFRUN_TOKEN}, else the current context's token of the kubeconfig ({@code --kubeconfig},
 * {@code KUBECONFIG}, {@code target/wfrun-dev/kubeconfig}, {@code ~/.kube/config}). A refusal is a
 * {@link CliInputException} with the problem's detail.
 */
final class RunApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEV_DIR = Path.of("target", "wfrun-dev");

  /** The options every run command takes. */
  static final class Options {
    @Option(names = "--api", paramLabel = "URL", description = "The run API (default: WFRUN_API_URL, or wfrun dev's).")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "Bearer token (default: WFRUN_TOKEN, or the kubeconfig's current context).")
    String token;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Where the token comes from, without --token.")
    Path kubeconfig;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace;
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;
  final String namespace;
  private java.net.http.HttpHeaders lastHeaders;

  RunApiClient(Options options) {
    this.base = URI.create(stripSlash(api(options)));
    this.token = token(options);
    this.namespace = options.namespace;
  }

  JsonNode get(String path, Map<String, String> query) {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  JsonNode post(String path) {
    return send(HttpRequest.newBuilder(uri(path, Map.of())).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** A POST to a path of the API outside {@code workflowruns} (the component build). */
  JsonNode postAbsolute(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  JsonNode post(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** The last answer's header, for the log's "why lines are missing" line. */
  String lastHeader(String name) {
    return lastHeaders == null ? null : lastHeaders.firstValue(name).orElse(null);
  }

  /**
   * A streamed answer ({@code logs?follow=true}): each JSON line to {@code each} as it arrives, until
   * the server ends the stream. A refusal is a {@link CliInputException} naming the reason.
   */
  void stream(String path, Map<String, String> query, java.util.function.Consumer<JsonNode> each) {
    HttpResponse<java.util.stream.Stream<String>> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri(path, query)).header("Authorization", "Bearer " + token).GET()
          .build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new CliInputException("run API " + base + " does not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliInputException("interrupted");
    }
    try (java.util.stream.Stream<String> lines = response.body()) {
      if (response.statusCode() >= 300) {
        String text = lines.collect(java.util.stream.Collectors.joining("\n"));
        JsonNode body;
        try {
          body = JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
          body = JSON.createObjectNode();
        }
        throw new CliInputException("run API: HTTP " + response.statusCode() + ": "
            + body.path("detail").asText(body.path("title").asText("refused")));
      }
      lines.filter(l -> !l.isBlank()).forEach(l -> {
        try {
          each.accept(JSON.readTree(l));
        } catch (IOException e) {
          throw new CliInputException("run API " + base + ": a streamed line is not JSON");
        }
      });
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliInputException("run API " + base + ": cannot connect (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliInputException("interrupted");
    }
    lastHeaders = response.headers();
    JsonNode body;
    try {
      body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CliInputException("run API " + base + ": HTTP " + response.statusCode() + ", not JSON");
    }
    if (response.statusCode() >= 300) {
      throw new CliInputException("run API: HTTP " + response.statusCode() + ": "
          + body.path("detail").asText(body.path("title").asText("refused")));
    }
    return body;
  }

  private URI uri(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return URI.create(base + "/api/v1/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
        + "/workflowruns" + path + q);
  }

  private static String api(Options options) {
    if (options.api != null && !options.api.isBlank()) {
      return options.api;
    }
    String env = System.getenv("WFRUN_API_URL");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path written = DEV_DIR.resolve(dev.wfrun.dev.DevEnvironment.RUN_API_FILE);
    try {
      return Files.readString(written).strip();
    } catch (IOException e) {
      throw new CliInputException("--api: no run API given (set --api or WFRUN_API_URL, or start wfrun dev, which"
          + " writes " + written + ")");
    }
  }

  private static String token(Options options) {
    if (options.token != null && !options.token.isBlank()) {
      return options.token;
    }
    String env = System.getenv("WFRUN_TOKEN");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path file = options.kubeconfig;
    if (file == null && System.getenv("KUBECONFIG") != null && !System.getenv("KUBECONFIG").isBlank()) {
      file = Path.of(System.getenv("KUBECONFIG").split(java.io.File.pathSeparator)[0]);
    }
    if (file == null && Files.exists(DEV_DIR.resolve("kubeconfig"))) {
      file = DEV_DIR.resolve("kubeconfig");
    }
    if (file == null) {
      file = Path.of(System.getProperty("user.home"), ".kube", "config");
    }
    String kubeToken;
    try {
      kubeToken = io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(file)).getAutoOAuthToken();
    } catch (IOException | RuntimeException e) {
      throw new CliInputException("--token: none given, and " + file + " cannot be read (" + e.getMessage() + ")");
    }
    if (kubeToken == null || kubeToken.isBlank()) {
      throw new CliInputException("--token: none given, and the current context of " + file + " has no token");
    }
    return kubeToken;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
