package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.apiserver.ApiStatus.Cause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The metadata checks a real API server makes on every write, whatever the kind: names as the
 * kind requires (DNS-1123 subdomain; a label for namespaces; DNS-1035 for Services; a path segment
 * for RBAC objects), label keys and values, annotation keys and their total size.
 */
final class ObjectRules {
  static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final String SUBDOMAIN_HELP = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  private static final String LABEL_HELP = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character";

  private ObjectRules() {}

  /** Problems with the object's name for this resource type (empty when none). */
  static List<Cause> name(String resource, String name) {
    List<Cause> causes = new ArrayList<>();
    String field = "metadata.name";
    switch (resource) {
      case "namespaces" -> label(field, name, causes);
      case "services" -> {
        if (name.length() > 63) {
          causes.add(Cause.invalid(field, name, "must be no more than 63 characters"));
        } else if (!DNS1035_LABEL.matcher(name).matches()) {
          causes.add(Cause.invalid(field, name, "a DNS-1035 label must consist of lower case alphanumeric "
              + "characters or '-', start with an alphabetic character, and end with an alphanumeric character"));
        }
      }
      case "roles", "clusterroles", "rolebindings", "clusterrolebindings" -> pathSegment(field, name, causes);
      default -> subdomain(field, name, causes);
    }
    return causes;
  }

  /** A namespace as sent in a path or an object. */
  static List<Cause> namespace(String field, String namespace) {
    List<Cause> causes = new ArrayList<>();
    label(field, namespace, causes);
    return causes;
  }

  /** Problems with labels and annotations (empty when none). */
  static List<Cause> metadata(JsonNode metadata) {
    List<Cause> causes = new ArrayList<>();
    JsonNode labels = metadata.path("labels");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName("metadata.labels", e.getKey(), causes);
      String value = e.getValue().isNull() ? "" : e.getValue().asText();
      if (value.length() > 63) {
        causes.add(Cause.invalid("metadata.labels", value, "must be no more than 63 characters"));
      } else if (!LABEL_VALUE.matcher(value).matches()) {
        causes.add(Cause.invalid("metadata.labels", value, "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
      }
    }
    long total = 0;
    JsonNode annotations = metadata.path("annotations");
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName("metadata.annotations", e.getKey(), causes);
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + (e.getValue().isNull() ? 0 : e.getValue().asText().getBytes(StandardCharsets.UTF_8).length);
    }
    if (total > MAX_ANNOTATIONS_BYTES) {
      causes.add(Cause.tooLong("metadata.annotations", "may not be more than " + MAX_ANNOTATIONS_BYTES + " bytes"));
    }
    String generateName = metadata.path("generateName").asText("");
    if (metadata.path("name").asText("").isEmpty() && generateName.isEmpty()) {
      causes.add(Cause.required("metadata.name", "name or generateName is required"));
    }
    return causes;
  }

  private static void label(String field, String value, List<Cause> causes) {
    if (value.length() > 63) {
      causes.add(Cause.invalid(field, value, "must be no more than 63 characters"));
    } else if (!DNS1123_LABEL.matcher(value).matches()) {
      causes.add(Cause.invalid(field, value, LABEL_HELP + " (e.g. 'my-name',  or '123-abc')"));
    }
  }

  private static void subdomain(String field, String value, List<Cause> causes) {
    if (value.length() > 253) {
      causes.add(Cause.invalid(field, value, "must be no more than 253 characters"));
    } else if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      causes.add(Cause.invalid(field, value, SUBDOMAIN_HELP + " (e.g. 'example.com')"));
    }
  }

  private static void pathSegment(String field, String value, List<Cause> causes) {
    if (value.equals(".") || value.equals("..")) {
      causes.add(Cause.invalid(field, value, "may not be '" + value + "'"));
    } else if (value.contains("/") || value.contains("%")) {
      causes.add(Cause.invalid(field, value, "may not contain '/' or '%'"));
    }
  }

  private static void qualifiedName(String field, String key, List<Cause> causes) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        causes.add(Cause.invalid(field, key, "prefix part " + SUBDOMAIN_HELP));
      }
    }
    if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
      causes.add(Cause.invalid(field, key, "name part must consist of alphanumeric characters, '-', '_' or '.', "
          + "and must start and end with an alphanumeric character, and be no more than 63 characters"));
    }
  }
}
