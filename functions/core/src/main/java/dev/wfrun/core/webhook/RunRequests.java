package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The WorkflowRun a push creates for a Component: named {@code <component>-run-<8 hex>} where the
 * hex is derived from the delivery id and the Component (so a redelivered webhook names the same
 * run, and creating it again is a no-op), labelled with project and component, the Component's
 * workflow and parameters with the pushed commit at the schema's commit path, and provenance
 * annotations. Nothing else is copied from the Component (no GitOps tracking labels).
 */
public final class RunRequests {
  public static final String ANNOTATION_PROVIDER = "wfrun.dev/git-provider";
  public static final String ANNOTATION_REPOSITORY = "wfrun.dev/git-repository";
  public static final String ANNOTATION_COMMIT = "wfrun.dev/git-commit";
  public static final String ANNOTATION_BRANCH = "wfrun.dev/git-branch";
  public static final String ANNOTATION_DELIVERY = "wfrun.dev/webhook-delivery";
  /**
   * When the gateway received the push (RFC 3339, milliseconds): orders the runs of one branch for
   * superseding more finely than creation timestamps, which have whole seconds.
   */
  public static final String ANNOTATION_RECEIVED = "wfrun.dev/webhook-received-at";
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,40}$");
  private static final int MAX_COMPONENT_PART = 50;

  private RunRequests() {}

  public static WorkflowRun build(Component component, PushEvent push, Map<String, String> roles,
      java.time.Instant receivedAt) {
    String namespace = component.getMetadata().getNamespace();
    String name = component.getMetadata().getName();
    var workflow = component.getSpec().workflow();
    JsonNode parameters = workflow.parameters() == null ? JsonNodeFactory.instance.objectNode() : workflow.parameters().deepCopy();
    String commitPath = roles.get("commit");
    if (commitPath != null && COMMIT.matcher(push.commit()).matches() && parameters.isObject()) {
      set((ObjectNode) parameters, commitPath, push.commit());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(OpenChoreo.LABEL_PROJECT, component.getSpec().owner().projectName());
    labels.put(OpenChoreo.LABEL_COMPONENT, name);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ANNOTATION_PROVIDER, push.provider().id());
    annotations.put(ANNOTATION_REPOSITORY, push.repositoryUrl());
    annotations.put(ANNOTATION_BRANCH, push.branch());
    annotations.put(ANNOTATION_COMMIT, push.commit());
    if (!push.deliveryId().isEmpty()) {
      annotations.put(ANNOTATION_DELIVERY, push.deliveryId());
    }
    annotations.put(ANNOTATION_RECEIVED, receivedAt.toString());
    WorkflowRun run = new WorkflowRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(runName(name, namespace, push))
        .withLabels(labels).withAnnotations(annotations).build());
    run.setSpec(new WorkflowRunSpec(
        new WorkflowRunSpec.WorkflowConfig(workflow.kind(), workflow.name(), parameters), null));
    return run;
  }

  /** {@code <component>-run-<8 hex>}, the component part cut to 50 characters. */
  static String runName(String component, String namespace, PushEvent push) {
    String seed = (push.deliveryId().isEmpty()
        ? push.provider().id() + "|" + push.repositoryUrl() + "|" + push.branch() + "|" + push.commit()
        : push.deliveryId()) + "|" + namespace + "/" + component;
    String prefix = component.length() > MAX_COMPONENT_PART ? component.substring(0, MAX_COMPONENT_PART) : component;
    return prefix + "-run-" + sha256(seed).substring(0, 8);
  }

  /** Sets a string at a dotted parameter path ({@code parameters.} prefix optional), creating the objects on the way. */
  public static void set(ObjectNode root, String dottedPath, String value) {
    String[] segments = dottedPath.replaceFirst("^parameters\\.", "").split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonNode child = node.get(segments[i]);
      if (child == null || child.isNull()) {
        node = node.putObject(segments[i]);
      } else if (child.isObject()) {
        node = (ObjectNode) child;
      } else {
        return; // a non-object in the way: leave the parameters as the Component has them
      }
    }
    node.put(segments[segments.length - 1], value);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
