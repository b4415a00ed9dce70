package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One resource type the embedded API serves: what discovery, Tables and OpenAPI say about it.
 *
 * @param printerColumns the CRD's {@code additionalPrinterColumns} (empty: Name and Age)
 */
public record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    boolean statusSubresource,
    List<JsonNode> printerColumns) {

  /** How the fabric8 client addresses this type. */
  public io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context() {
    return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(group)
        .withVersion(version).withPlural(plural).withKind(kind).withNamespaced(namespaced).build();
  }

  /** {@code v1} for the core group, else {@code group/version}. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
