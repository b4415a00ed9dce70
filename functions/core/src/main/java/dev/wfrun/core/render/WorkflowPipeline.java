package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import dev.wfrun.api.v1alpha1.WorkflowSpec.WorkflowResource;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WorkflowRun rendering pipeline: defaults (and, beyond upstream, validates) the run's
 * parameters, builds the CEL context, renders {@code runTemplate} and each included
 * {@code resources[]} template, post-processes them as upstream does, and forces every extra
 * resource into the run's execution namespace.
 */
public final class WorkflowPipeline {
  private final TemplateEngine engine;
  private final boolean validateParameters;
  private final ParameterSchemaCache schemas = new ParameterSchemaCache();
  /** Weak keys compare by identity: a template object maps to its converted values. */
  private final com.google.common.cache.Cache<JsonNode, Object> templates =
      com.google.common.cache.CacheBuilder.newBuilder().weakKeys().maximumSize(1024).build();

  /**
   * @param validateParameters check parameters against the schema after defaulting (wfrun); false
   *     renders exactly as upstream, which never validates
   */
  public WorkflowPipeline(TemplateEngine engine, boolean validateParameters) {
    this.engine = engine;
    this.validateParameters = validateParameters;
  }

  public TemplateEngine engine() {
    return engine;
  }

  public RenderedRun render(RenderInput input) {
    checkInput(input);
    return render(input, celContext(input));
  }

  /** Renders with an already built CEL context (see {@link #celContext}). */
  public RenderedRun render(RenderInput input, Map<String, Object> cel) {
    WorkflowSpec spec = input.workflow().spec();
    Map<String, Object> resource;
    try {
      resource = renderObject(spec.runTemplate(), cel);
    } catch (TemplateException e) {
      throw new RenderException("failed to render template: " + e.getMessage(), e);
    }
    List<RenderedRun.RenderedResource> resources = new ArrayList<>();
    for (WorkflowResource r : spec.resources() == null ? List.<WorkflowResource>of() : spec.resources()) {
      renderResource(r, cel, input.context()).ifPresent(resources::add);
    }
    return new RenderedRun(resource, resources);
  }

  /** The checks upstream runs before rendering (nil inputs, required context fields). */
  public static void checkInput(RenderInput input) {
    if (input == null) {
      throw new RenderException("invalid input: input is nil");
    }
    if (input.run() == null) {
      throw new RenderException("invalid input: workflow run is nil");
    }
    if (input.workflow() == null || input.workflow().spec() == null) {
      throw new RenderException("invalid input: workflow is nil");
    }
    if (input.workflow().spec().runTemplate() == null || input.workflow().spec().runTemplate().isNull()) {
      throw new RenderException("invalid input: workflow has no runTemplate");
    }
    RenderContext context = input.context();
    if (context == null || context.namespaceName() == null || context.namespaceName().isEmpty()) {
      throw new RenderException("invalid input: context.namespaceName is required");
    }
    if (context.workflowRunName() == null || context.workflowRunName().isEmpty()) {
      throw new RenderException("invalid input: context.workflowRunName is required");
    }
  }

  /** The variables templates see: metadata, parameters, workflowplane, externalRefs, systemParameters. */
  public Map<String, Object> celContext(RenderInput input) {
    ParameterSchema schema = schemas.get(input.workflow().spec());
    JsonNode raw = input.run().getSpec() == null || input.run().getSpec().workflow() == null
        ? null
        : input.run().getSpec().workflow().parameters();
    JsonNode parameters = RunParameters.defaulted(schema, raw);
    if (validateParameters) {
      List<Violation> violations = schema.validate(parameters);
      if (!violations.isEmpty()) {
        throw new ParameterValidationException(
            violations.stream().map(v -> v.under("spec.workflow.parameters")).toList());
      }
    }
    RenderContext context = input.context();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("namespaceName", context.namespaceName());
    metadata.put("workflowRunName", context.workflowRunName());
    metadata.put("namespace", context.executionNamespace());
    metadata.put("labels", context.labels() == null ? Map.of() : new LinkedHashMap<>(context.labels()));
    Map<String, Object> cel = new LinkedHashMap<>();
    cel.put("metadata", metadata);
    cel.put("parameters", TemplateValues.fromJson(parameters, Numbers.NATURAL));
    cel.put("workflowplane", Map.of("secretStore", context.secretStore() == null ? "" : context.secretStore()));
    if (context.externalRefs() != null && !context.externalRefs().isEmpty()) {
      cel.put("externalRefs", context.externalRefs());
    }
    if (isComponentRun(input)) {
      cel.put("systemParameters", SystemParameters.of(input.workflow(), parameters));
    }
    return cel;
  }

  private static boolean isComponentRun(RenderInput input) {
    var labels = input.context().labels();
    return labels != null && labels.containsKey(OpenChoreo.LABEL_COMPONENT);
  }

  private Map<String, Object> renderObject(JsonNode template, Map<String, Object> cel) {
    // render() already drops omitted entries and elements at every level, and CEL results come back
    // without them, so upstream's RemoveOmittedFields pass would find nothing left to remove
    Object rendered = engine.render(templateValues(template), cel);
    Object processed = PostProcessing.apply(rendered);
    try {
      RenderedResources.validate(processed);
    } catch (RenderException e) {
      throw new RenderException("validation failed: " + e.getMessage(), e);
    }
    @SuppressWarnings("unchecked") // validate() checked that it is an object
    Map<String, Object> object = (Map<String, Object>) processed;
    return object;
  }

  /**
   * A template's values, converted once per template object: rendering never mutates them, and
   * an informer or the CLI hands the same Workflow object to every run until it changes.
   */
  private Object templateValues(JsonNode template) {
    try {
      return templates.get(template, () -> TemplateValues.fromJson(template, Numbers.GO_FLOAT));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private java.util.Optional<RenderedRun.RenderedResource> renderResource(
      WorkflowResource r, Map<String, Object> cel, RenderContext context) {
    String id = r.id();
    if (r.includeWhen() != null && !r.includeWhen().isEmpty()) {
      Object include;
      try {
        include = engine.renderString(r.includeWhen(), cel, "includeWhen");
      } catch (TemplateException e) {
        throw new RenderException("failed to render resources: failed to evaluate includeWhen for resource \""
            + id + "\": " + e.getMessage(), e);
      }
      if (!(include instanceof Boolean included)) {
        throw new RenderException("failed to render resources: failed to evaluate includeWhen for resource \""
            + id + "\": includeWhen must evaluate to boolean, got " + TemplateValues.typeName(include));
      }
      if (!included) {
        return java.util.Optional.empty();
      }
    }
    Map<String, Object> resource;
    try {
      resource = renderObject(r.template(), cel);
    } catch (TemplateException | RenderException e) {
      throw new RenderException("failed to render resources: for resource \"" + id + "\": " + e.getMessage(), e);
    }
    Map<String, Object> metadata = RenderedResources.metadata(resource);
    String name = (String) metadata.get("name");
    if (name.isEmpty() || name.startsWith("-")) {
      return java.util.Optional.empty();
    }
    metadata.put("namespace", context.executionNamespace());
    return java.util.Optional.of(new RenderedRun.RenderedResource(id, resource));
  }
}
