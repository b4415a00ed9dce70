package dev.wfrun.core.render;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.template.TemplateEngine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a WorkflowRun into exactly the objects that would be created in the build plane:
 * validates the parameters (every violation reported), resolves {@code externalRefs}, runs the
 * pipeline, keeps every object inside the run's execution namespace (a tenant can never render
 * into another namespace), applies the value rules of the run object's build engine (Argo: parameter
 * values are strings) and adds the ownership labels.
 * Used by render-dispatch and by {@code wfrun render}.
 */
public final class RunRenderer {
  private final WorkflowPipeline pipeline;
  private final ExternalRefResolver refs;
  private final BuildEngines engines;

  public RunRenderer() {
    this(new TemplateEngine());
  }

  public RunRenderer(TemplateEngine engine) {
    this(engine, BuildEngines.standard());
  }

  public RunRenderer(TemplateEngine engine, BuildEngines engines) {
    this.pipeline = new WorkflowPipeline(engine, true);
    this.refs = new ExternalRefResolver(pipeline);
    this.engines = engines;
  }

  /**
   * @param secretStore the plane's {@code spec.secretStoreRef.name}, or ""
   * @throws ParameterValidationException when parameters break the schema
   * @throws RenderException when a template cannot be rendered or leaves its namespace
   */
  public RenderedRun render(
      WorkflowRun run, ResolvedWorkflow workflow, String secretStore, SecretReferenceLookup secretReferences) {
    RenderContext context = contextOf(run).withSecretStore(secretStore == null ? "" : secretStore);
    RenderInput preliminary = new RenderInput(run, workflow, context);
    WorkflowPipeline.checkInput(preliminary);
    Map<String, Object> cel = pipeline.celContext(preliminary);
    Map<String, Object> resolvedRefs = refs.resolve(preliminary, cel, secretReferences);
    if (!resolvedRefs.isEmpty()) {
      cel.put("externalRefs", resolvedRefs);
    }
    RenderedRun rendered = pipeline.render(preliminary, cel);
    confineToExecutionNamespace(rendered.resource(), context);
    engines.forRunObject(rendered.resource()).ifPresent(e -> e.normalise(rendered.resource()));
    Map<String, String> ownership = ownershipLabels(run);
    addLabels(rendered.resource(), ownership);
    rendered.resources().forEach(r -> addLabels(r.resource(), ownership));
    return rendered;
  }

  public static RenderContext contextOf(WorkflowRun run) {
    var meta = run.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    return RenderContext.of(meta.getNamespace(), meta.getName(), labels);
  }

  private static void confineToExecutionNamespace(Map<String, Object> resource, RenderContext context) {
    Map<String, Object> metadata = RenderedResources.metadata(resource);
    Object namespace = metadata.get("namespace");
    if (namespace == null || "".equals(namespace)) {
      metadata.put("namespace", context.executionNamespace());
      return;
    }
    if (!context.executionNamespace().equals(namespace)) {
      throw new RenderException("spec.runTemplate.metadata.namespace: rendered to \"" + namespace
          + "\", but runs in namespace \"" + context.namespaceName() + "\" execute in \""
          + context.executionNamespace() + "\" (use ${metadata.namespace})");
    }
  }

  /** The labels that tie build-plane objects to their WorkflowRun (cleanup, status sync). */
  public static Map<String, String> ownershipLabels(WorkflowRun run) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(OpenChoreo.LABEL_WORKFLOWRUN, run.getMetadata().getName());
    labels.put(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE, run.getMetadata().getNamespace());
    labels.put(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE);
    return labels;
  }

  @SuppressWarnings("unchecked") // rendered metadata.labels is a map with string keys
  private static void addLabels(Map<String, Object> resource, Map<String, String> labels) {
    Map<String, Object> metadata = RenderedResources.metadata(resource);
    Object existing = metadata.get("labels");
    Map<String, Object> merged = existing instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m)
        : new LinkedHashMap<>();
    merged.putAll(labels);
    metadata.put("labels", merged);
  }
}
