package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.SecretReference;
import dev.wfrun.api.v1alpha1.SecretReferenceSpec;
import dev.wfrun.api.v1alpha1.WorkflowSpec.ExternalRef;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a Workflow's {@code externalRefs} for a run: each {@code name} is rendered with the
 * run's context (a name rendering to "" skips the ref, so its id is absent), then looked up in
 * the run's namespace. The result is {@code id -> {spec: ...}} for {@code ${externalRefs['id']}}.
 */
public final class ExternalRefResolver {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkflowPipeline pipeline;

  public ExternalRefResolver(WorkflowPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * @param preliminary the run's CEL context without {@code externalRefs}
   */
  public Map<String, Object> resolve(RenderInput input, Map<String, Object> preliminary, SecretReferenceLookup lookup) {
    List<ExternalRef> refs = input.workflow().spec().externalRefs();
    Map<String, Object> resolved = new LinkedHashMap<>();
    if (refs == null || refs.isEmpty()) {
      return resolved;
    }
    String namespace = input.context().namespaceName();
    for (ExternalRef ref : refs) {
      Object name;
      try {
        name = pipeline.engine().renderString(ref.name(), preliminary, "spec.externalRefs[" + ref.id() + "].name");
      } catch (TemplateException e) {
        throw new RenderException("failed to evaluate name for externalRef \"" + ref.id() + "\": " + e.getMessage(), e);
      }
      if (!(name instanceof String refName)) {
        throw new RenderException("failed to evaluate name for externalRef \"" + ref.id()
            + "\": name expression must evaluate to a string, got " + TemplateValues.typeName(name));
      }
      if (refName.isEmpty()) {
        continue;
      }
      if (!SecretReference.KIND.equals(ref.kind())) {
        throw new RenderException("failed to resolve externalRef \"" + ref.id() + "\": unsupported externalRef kind \""
            + ref.kind() + "\", only SecretReference is supported");
      }
      dev.wfrun.core.naming.NameRules.objectNameProblem(refName).ifPresent(problem -> {
        throw new RenderException("failed to resolve externalRef \"" + ref.id() + "\": name \""
            + (refName.length() > 100 ? refName.substring(0, 100) + "..." : refName)
            + "\" is not a valid Kubernetes name: " + problem);
      });
      SecretReferenceSpec spec = lookup.find(namespace, refName).orElseThrow(() -> new MissingReferenceException(
          "failed to resolve externalRef \"" + ref.id() + "\": failed to get SecretReference \"" + refName
              + "\" in namespace \"" + namespace + "\": not found"));
      resolved.put(ref.id(), Map.of("spec", TemplateValues.fromJson(JSON.valueToTree(spec), Numbers.GO_FLOAT)));
    }
    return resolved;
  }
}
