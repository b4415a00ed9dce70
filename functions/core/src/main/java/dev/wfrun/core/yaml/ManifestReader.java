package dev.wfrun.core.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML (or JSON) files of one or more documents into {@link Manifest}s. */
public final class ManifestReader {
  public static final ObjectMapper YAML = new YAMLMapper();

  private ManifestReader() {}

  /**
   * Every non-empty document of {@code file}.
   *
   * @throws ManifestException for a missing file, malformed YAML (with line and column) or a
   *     document that is not an object
   */
  public static List<Manifest> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(file + ": no such file");
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  public static List<Manifest> parse(String source, String text) {
    List<Manifest> manifests = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(text);
        MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
      int index = 0;
      while (docs.hasNextValue()) {
        JsonNode node = docs.nextValue();
        if (node == null || node.isNull() || node.isMissingNode()) {
          index++;
          continue;
        }
        if (!node.isObject()) {
          throw new ManifestException(source + (index == 0 ? "" : "#" + (index + 1))
              + ": expected a Kubernetes object (a YAML mapping), got " + node.getNodeType().toString().toLowerCase());
        }
        manifests.add(new Manifest(source, index++, node));
      }
    } catch (JsonProcessingException e) {
      throw new ManifestException(source + ": invalid YAML" + at(e.getLocation()) + ": " + problem(e.getOriginalMessage()), e);
    } catch (RuntimeException e) {
      if (e instanceof ManifestException) {
        throw e;
      }
      Throwable cause = e.getCause() instanceof JsonProcessingException ? e.getCause() : e;
      String detail = cause instanceof JsonProcessingException jpe
          ? at(jpe.getLocation()) + ": " + problem(jpe.getOriginalMessage())
          : ": " + cause.getMessage();
      throw new ManifestException(source + ": invalid YAML" + detail, e);
    } catch (IOException e) {
      throw new ManifestException(source + ": cannot read: " + e.getMessage(), e);
    }
    return manifests;
  }

  /** The parser's message on one line, without its source excerpt. */
  private static String problem(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : String.valueOf(message).split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("in '") || trimmed.equals("^") || line.startsWith("    ")) {
        continue;
      }
      out.append(out.length() == 0 ? "" : "; ").append(trimmed);
    }
    return out.toString();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
