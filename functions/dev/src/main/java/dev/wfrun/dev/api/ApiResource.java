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

  /** {@code v1} for the core group, else {@code group/version}. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
