package dev.wfrun.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  @Test
  void readsEveryDocumentAndSkipsEmptyOnes() {
    var docs = ManifestReader.parse("f.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b, namespace: ns}
        """);
    assertThat(docs).extracting(Manifest::kind).containsExactly("ConfigMap", "Secret");
    assertThat(docs.get(1).describe()).isEqualTo("f.yaml#3: Secret/b");
    assertThat(docs.get(1).namespace()).isEqualTo("ns");
  }

  @Test
  void malformedYamlNamesTheFileLineAndProblemOnOneLine() {
    assertThatThrownBy(() -> ManifestReader.parse("bad.yaml", "kind: Workflow\nmetadata: {name: x\n  oops"))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("bad.yaml: invalid YAML at line 3")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsRejected() {
    assertThatThrownBy(() -> ManifestReader.parse("list.yaml", "- a\n- b\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessage("list.yaml: expected a Kubernetes object (a YAML mapping), got array");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ManifestReader.read(Path.of("does-not-exist.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessage("does-not-exist.yaml: no such file");
  }
}
