package dev.wfrun.core.typecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden cases of {@code typecheck-cases.yaml}: each expression's problems, word for word. */
class TypeCheckGoldenTest {
  private static final JsonNode CASES = read();
  private static final TemplateTypeChecker CHECKER = checker();

  private static JsonNode read() {
    try (InputStream in = TypeCheckGoldenTest.class.getResourceAsStream("/typecheck-cases.yaml")) {
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TemplateTypeChecker checker() {
    List<String> ids = new ArrayList<>();
    CASES.path("externalRefs").forEach(id -> ids.add(id.asText()));
    return new TemplateTypeChecker(CASES.path("schema"), ids);
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    CASES.path("cases").forEach(c -> {
      List<String> problems = new ArrayList<>();
      c.path("problems").forEach(p -> problems.add(p.asText()));
      out.add(Arguments.of(c.path("expression").asText(), problems));
    });
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksAsTheGoldenCaseSays(String expression, List<String> problems) {
    assertThat(CHECKER.check(expression)).containsExactlyElementsOf(problems);
  }
}
