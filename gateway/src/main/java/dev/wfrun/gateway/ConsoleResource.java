package dev.wfrun.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.console.FormParameters;
import dev.wfrun.core.console.RunRow;
import dev.wfrun.core.console.SchemaForm;
import dev.wfrun.core.console.Timeline;
import dev.wfrun.core.runapi.RunApi;
import dev.wfrun.core.runapi.RunApiAnswer;
import dev.wfrun.core.runapi.RunLogsApi;
import dev.wfrun.core.runapi.WorkflowCatalogApi;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.Violation;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console: server-rendered pages (Qute, every value escaped) over the run API, each call made
 * with the caller's token ({@link ConsoleCaller}): the runs, a run (timeline, conditions, logs,
 * cancel, re-run), the Workflows, and a form generated from a Workflow's parameter schema that is
 * checked by the API's own validator, every violation shown beside its field. Served with the run API.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {
  static final List<String> STATUSES = List.of("Pending", "Running", "Succeeded", "Failed");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RunApi runs;
  @Inject RunLogsApi logs;
  @Inject WorkflowCatalogApi catalog;
  @Inject ConsoleCaller caller;
  @Inject dev.wfrun.core.workload.WorkloadApi workloads;

  @Location("console/runs.html") Template runsPage;
  @Location("console/run.html") Template runPage;
  @Location("console/workflows.html") Template workflowsPage;
  @Location("console/workflow.html") Template workflowPage;
  @Location("console/component.html") Template componentPage;
  @Location("console/planes.html") Template planesPage;

  @ConfigProperty(name = "wfrun.gateway.workload-api.enabled", defaultValue = "true")
  boolean enabled;

  @GET
  public Response runs(@QueryParam("namespace") String namespace, @QueryParam("component") String component,
      @QueryParam("workflow") String workflow, @QueryParam("status") String status,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String ns = blank(namespace) ? "default" : namespace;
    String selector = blank(component) ? null : "openchoreo.dev/component=" + component;
    RunApiAnswer answer = runs.list(caller.authorization(authorization, request), ns, "500", null, selector,
        blank(workflow) ? null : workflow);
    List<RunRow> rows = newestFirst(answer);
    rows.removeIf(r -> !blank(status) && !r.phase().equals(status));
    return page(answer.isProblem() ? answer.status() : 200, runsPage.data("namespace", ns)
        .data("component", component).data("workflow", workflow).data("status", status).data("statuses", STATUSES)
        .data("runs", rows).data("problem", answer.isProblem() ? answer.detail() : null));
  }

  @GET
  @Path("runs/{namespace}/{run}")
  public Response run(@PathParam("namespace") String namespace, @PathParam("run") String name,
      @QueryParam("message") String message, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String auth = caller.authorization(authorization, request);
    RunApiAnswer got = runs.get(auth, namespace, name);
    if (got.isProblem()) {
      return problemPage(got);
    }
    Instant now = Instant.now();
    JsonNode status = got.body().path("status");
    List<Timeline.Bar> bars = Timeline.of(status, now);
    List<Map<String, String>> conditions = new ArrayList<>();
    status.path("conditions").forEach(c -> conditions.add(Map.of("type", c.path("type").asText(),
        "status", c.path("status").asText(), "reason", c.path("reason").asText(""),
        "message", c.path("message").asText(""))));
    RunApiAnswer read;
    try {
      read = logs.logs(auth, namespace, name, null, null);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      // the build plane did not answer: the page still shows the run, and says so where the logs go
      read = RunApiAnswer.problemOf(503, "Logs unavailable", "the build plane did not answer (" + e.getCode()
          + "); the page tries again");
    }
    List<Map<String, String>> lines = new ArrayList<>();
    if (!read.isProblem()) {
      read.body().forEach(l -> lines.add(Map.of("timestamp", l.path("timestamp").asText("-"),
          "task", l.path("task").asText(""), "log", l.path("log").asText(""))));
    }
    RunRow row = RunRow.of(got.body(), now);
    boolean finished = row.phase().equals("Succeeded") || row.phase().equals("Failed") || row.phase().equals("Error");
    Map<String, String> workload = workloadOf(auth, namespace, row, status);
    return page(200, runPage.data("namespace", namespace).data("run", row).data("final", finished).data("bars", bars)
        .data("height", Timeline.height(bars)).data("conditions", conditions).data("logs", lines)
        .data("logsWhy", read.isProblem() ? read.detail() : read.headers().get(RunApiAnswer.LOGS_UNAVAILABLE_HEADER))
        .data("message", message).data("workload", workload));
  }

  /** The Workload a component build produced (WorkloadUpdated=True): its name and image; null otherwise. */
  private Map<String, String> workloadOf(String auth, String namespace, RunRow row, JsonNode status) {
    boolean updated = false;
    for (JsonNode c : status.path("conditions")) {
      updated |= "WorkloadUpdated".equals(c.path("type").asText()) && "True".equals(c.path("status").asText());
    }
    if (!updated || row.component() == null) {
      return null;
    }
    var found = workloads.get(auth, namespace, row.component() + "-workload");
    if (!found.ok()) {
      return Map.of("name", row.component() + "-workload", "image", "(" + found.detail() + ")");
    }
    var container = found.workload().getSpec() == null ? null : found.workload().getSpec().container();
    return Map.of("name", found.workload().getMetadata().getName(),
        "image", container == null || container.image() == null ? "—" : container.image());
  }

  /** The run's log followed for the page's script, with the page's caller (NDJSON, as the run API's). */
  @GET
  @Path("runs/{namespace}/{run}/logs")
  @Produces("application/x-ndjson")
  public Response followLogs(@PathParam("namespace") String namespace, @PathParam("run") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    var refused = logs.followRefusal(caller.authorization(authorization, request), namespace, name, null, null);
    if (refused.isPresent()) {
      return Problems.of(refused.get().status(), refused.get().title(), refused.get().detail());
    }
    return FollowStream.of(logs, namespace, name, null, null);
  }

  @POST
  @Path("runs/{namespace}/{run}/cancel")
  public Response cancel(@PathParam("namespace") String namespace, @PathParam("run") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    RunApiAnswer answer = runs.cancel(caller.authorization(authorization, request), namespace, name);
    return seeRun(namespace, name, answer.isProblem() ? answer.detail() : "cancelled");
  }

  @POST
  @Path("runs/{namespace}/{run}/rerun")
  public Response rerun(@PathParam("namespace") String namespace, @PathParam("run") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    RunApiAnswer answer = runs.rerun(caller.authorization(authorization, request), namespace, name);
    if (answer.isProblem()) {
      return seeRun(namespace, name, answer.detail());
    }
    return seeRun(namespace, answer.body().path("metadata").path("name").asText(), "re-run of " + name);
  }

  /** The build planes the caller may see: Ready, the agent's connection, its last heartbeat. */
  @GET
  @Path("planes")
  public Response planes(@QueryParam("namespace") String namespace,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String ns = blank(namespace) ? "default" : namespace;
    String auth = caller.authorization(authorization, request);
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RunApiAnswer answer : List.of(catalog.listClusterWorkflowPlanes(auth), catalog.listWorkflowPlanes(auth, ns))) {
      if (answer.isProblem()) {
        problems.add(answer.detail());
        continue;
      }
      answer.body().path("items").forEach(p -> rows.add(planeRow(p)));
    }
    boolean none = rows.isEmpty() && problems.size() == 2;
    return page(none ? 403 : 200, planesPage.data("namespace", ns).data("planes", rows)
        .data("problem", problems.isEmpty() ? null : String.join("; ", problems)));
  }

  private static Map<String, String> planeRow(JsonNode plane) {
    JsonNode status = plane.path("status");
    String ready = "Unknown";
    String message = null;
    for (JsonNode c : status.path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
        message = c.path("reason").asText("") + ": " + c.path("message").asText("");
      }
    }
    JsonNode agent = status.path("agentConnection");
    Map<String, String> row = new LinkedHashMap<>();
    row.put("kind", plane.path("kind").asText());
    row.put("name", plane.path("metadata").path("name").asText());
    row.put("planeId", plane.path("spec").path("planeID").asText(null));
    row.put("ready", ready);
    row.put("readyPhase", ready.equals("Ready") ? "Succeeded" : ready.equals("NotReady") ? "Failed" : "Pending");
    row.put("readySymbol", RunRow.symbol(ready.equals("Ready") ? "Succeeded" : ready.equals("NotReady") ? "Failed"
        : "Pending"));
    row.put("agent", agent.isMissingNode() ? "not behind an agent"
        : agent.path("connected").asBoolean() ? agent.path("connectedAgents").asInt() + " connected" : "not connected");
    row.put("heartbeat", agent.path("lastHeartbeatTime").asText(null));
    row.put("message", agent.path("message").asText(message));
    return row;
  }

  /** A Component: its recent builds, Build, and Build at a commit. */
  @GET
  @Path("components/{namespace}/{project}/{component}")
  public Response component(@PathParam("namespace") String namespace, @PathParam("project") String project,
      @PathParam("component") String component, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    return componentPage(caller.authorization(authorization, request), namespace, project, component, null, null, 200);
  }

  @POST
  @Path("components/{namespace}/{project}/{component}/build")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response build(@PathParam("namespace") String namespace, @PathParam("project") String project,
      @PathParam("component") String component, MultivaluedMap<String, String> form,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String auth = caller.authorization(authorization, request);
    String commit = form == null ? null : form.getFirst("commit");
    ObjectNode body = JSON.createObjectNode();
    if (!blank(commit)) {
      body.put("commit", commit.trim());
    }
    RunApiAnswer built = runs.buildComponent(auth, namespace, project, component,
        body.isEmpty() ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8));
    if (built.isProblem()) {
      return componentPage(auth, namespace, project, component, commit, built.detail(), built.status());
    }
    return seeRun(namespace, built.body().path("metadata").path("name").asText(),
        blank(commit) ? "build of " + component : "build of " + component + " at " + commit.trim());
  }

  private Response componentPage(String auth, String namespace, String project, String component, String commit,
      String problem, int status) {
    RunApiAnswer answer = runs.list(auth, namespace, "500", null,
        "openchoreo.dev/component=" + component + ",openchoreo.dev/project=" + project, null);
    List<RunRow> rows = newestFirst(answer);
    String shown = problem != null ? problem : answer.isProblem() ? answer.detail() : null;
    return page(problem != null ? status : answer.isProblem() ? answer.status() : 200, componentPage
        .data("namespace", namespace).data("project", project).data("component", component).data("commit", commit)
        .data("runs", rows.size() > 50 ? rows.subList(0, 50) : rows).data("problem", shown));
  }

  @GET
  @Path("workflows")
  public Response workflows(@QueryParam("namespace") String namespace,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String ns = blank(namespace) ? "default" : namespace;
    RunApiAnswer answer = catalog.listWorkflows(caller.authorization(authorization, request), ns, null, null);
    List<Map<String, String>> rows = new ArrayList<>();
    if (!answer.isProblem()) {
      answer.body().path("items").forEach(w -> {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", w.path("metadata").path("name").asText());
        row.put("ttl", w.path("spec").path("ttlAfterCompletion").asText(null));
        rows.add(row);
      });
    }
    return page(answer.isProblem() ? answer.status() : 200, workflowsPage.data("namespace", ns).data("workflows", rows)
        .data("problem", answer.isProblem() ? answer.detail() : null));
  }

  @GET
  @Path("workflows/{namespace}/{workflow}")
  public Response workflowForm(@PathParam("namespace") String namespace, @PathParam("workflow") String workflow,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    RunApiAnswer schema = catalog.workflowSchema(caller.authorization(authorization, request), namespace, workflow);
    if (schema.isProblem()) {
      return problemPage(schema);
    }
    String auth = caller.authorization(authorization, request);
    return page(200, form(auth, namespace, workflow, schema.body(), Map.of(), Map.of(), null));
  }

  /**
   * The form's values become the run's parameters; a value of the wrong kind, or one the Workflow's
   * schema refuses, is shown beside its field and nothing is created; else the run is created and
   * its page shown.
   */
  @POST
  @Path("workflows/{namespace}/{workflow}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response runWorkflow(@PathParam("namespace") String namespace, @PathParam("workflow") String workflow,
      MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest request) {
    if (!enabled) {
      return notServed();
    }
    String auth = caller.authorization(authorization, request);
    RunApiAnswer schema = catalog.workflowSchema(auth, namespace, workflow);
    if (schema.isProblem()) {
      return problemPage(schema);
    }
    Map<String, String> values = new LinkedHashMap<>();
    form.forEach((k, v) -> {
      if (k.startsWith("p.") && !v.isEmpty()) {
        values.put(k.substring(2), v.get(0));
      }
    });
    List<SchemaForm.Field> fields = SchemaForm.fields(schema.body());
    FormParameters.Parsed parsed = FormParameters.parse(fields, values);
    Map<String, String> errors = new LinkedHashMap<>(parsed.errors());
    List<String> elsewhere = new ArrayList<>();
    if (errors.isEmpty()) {
      ParameterSchema check = ParameterSchema.fromOpenApi(schema.body());
      for (Violation v : check.validate(dev.wfrun.core.render.RunParameters.defaulted(check, parsed.parameters()))) {
        String path = v.path().startsWith(".") ? v.path().substring(1) : v.path();
        if (fields.stream().anyMatch(f -> f.path().equals(path))) {
          errors.merge(path, v.reason(), (a, b) -> a + "; " + b);
        } else {
          elsewhere.add((path.isEmpty() ? "parameters" : path) + ": " + v.reason());
        }
      }
    }
    if (!errors.isEmpty() || !elsewhere.isEmpty()) {
      return page(422, form(auth, namespace, workflow, schema.body(), values, errors,
          elsewhere.isEmpty() ? "fix the fields marked below; nothing was created" : String.join("; ", elsewhere)));
    }
    ObjectNode run = JSON.createObjectNode().put("apiVersion", "openchoreo.dev/v1alpha1").put("kind", "WorkflowRun");
    run.putObject("metadata").put("generateName", workflow + "-run-");
    run.putObject("spec").putObject("workflow").put("name", workflow).set("parameters", parsed.parameters());
    RunApiAnswer created = runs.create(auth, namespace, run.toString().getBytes(StandardCharsets.UTF_8));
    if (created.isProblem()) {
      return page(created.status(), form(auth, namespace, workflow, schema.body(), values, Map.of(), created.detail()));
    }
    return seeRun(namespace, created.body().path("metadata").path("name").asText(), "created");
  }

  /** The Workflow's page: its retention, schema and recent runs, and its form with these values and errors. */
  private TemplateInstance form(String auth, String namespace, String workflow, JsonNode schema,
      Map<String, String> values, Map<String, String> errors, String problem) {
    // what a choice or a checkbox shows: the submitted value, else the schema's default
    Map<String, String> current = new LinkedHashMap<>();
    for (SchemaForm.Field f : SchemaForm.fields(schema)) {
      String value = values.containsKey(f.path()) ? values.get(f.path()) : f.defaultValue();
      if (value != null) {
        current.put(f.path(), value);
      }
    }
    RunApiAnswer got = catalog.getWorkflow(auth, namespace, workflow);
    String ttl = got.isProblem() ? null : got.body().path("spec").path("ttlAfterCompletion").asText(null);
    List<RunRow> rows = newestFirst(runs.list(auth, namespace, "500", null, null, workflow));
    List<RunRow> recent = rows.size() > 10 ? rows.subList(0, 10) : rows;
    return workflowPage.data("namespace", namespace).data("workflow", workflow).data("entries", SchemaForm.of(schema))
        .data("values", values).data("current", current).data("errors", errors).data("problem", problem)
        .data("schemaJson", schema.toPrettyString()).data("ttl", ttl).data("recent", recent);
  }

  private Response problemPage(RunApiAnswer answer) {
    return page(answer.status(), workflowsPage.data("namespace", "default").data("workflows", List.of())
        .data("problem", answer.detail()));
  }

  /** A run list answer's runs as rows, newest first; none when the list was refused. */
  private static List<RunRow> newestFirst(RunApiAnswer list) {
    List<RunRow> rows = new ArrayList<>();
    if (!list.isProblem()) {
      Instant now = Instant.now();
      list.body().path("items").forEach(run -> rows.add(RunRow.of(run, now)));
      rows.sort(Comparator.comparing(RunRow::created).reversed().thenComparing(RunRow::name));
    }
    return rows;
  }

  private static Response seeRun(String namespace, String run, String message) {
    return Response.seeOther(URI.create("/console/runs/" + enc(namespace) + "/" + enc(run) + "?message=" + enc(message)))
        .build();
  }

  private static Response page(int status, TemplateInstance page) {
    return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(page.render())
        .header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'")
        .header("X-Content-Type-Options", "nosniff").build();
  }

  private static Response notServed() {
    return Problems.of(404, "Not Found", "the console is not served here (wfrun.gateway.workload-api.enabled=false)");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
