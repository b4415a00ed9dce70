package dev.wfrun.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {
  private final TemplateEngine engine = new TemplateEngine();

  private static Map<String, Object> tree(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }

  @Test
  void anEvaluationErrorNamesThePathTheExpressionAndCelsMessage() {
    Object template = tree("spec", tree("arguments", List.of(tree("value", "x-${parameters.missing}"))));
    assertThatThrownBy(() -> engine.render(template, Map.of("parameters", Map.of("present", "y"))))
        .isInstanceOfSatisfying(TemplateException.class, e -> {
          assertThat(e.path()).isEqualTo("spec.arguments[0].value");
          assertThat(e.expression()).isEqualTo("parameters.missing");
          assertThat(e.getMessage()).isEqualTo("spec.arguments[0].value: CEL evaluation error in expression "
              + "'parameters.missing': no such key: missing");
        });
  }

  @Test
  void aStandaloneExpressionKeepsItsNativeTypeAndInterpolationFormatsAsGo() {
    Map<String, Object> inputs = Map.of("p", Map.of("n", 1000000.0, "d", 2.5, "l", List.of("a")));
    Object out = engine.render(
        Map.of("native", "${p.n}", "text", "n=${p.n} d=${p.d} l=${p.l}", "padded", "  ${p.l}\n"), inputs);
    assertThat(out).isEqualTo(Map.of("native", 1000000.0, "text", "n=1e+06 d=2.5 l=[\"a\"]", "padded", List.of("a")));
  }

  @Test
  void stringOfADoublePrintsAsGoDoes() {
    assertThat(engine.render("${string(8080.0)}", Map.of())).isEqualTo("8080");
    assertThat(engine.render("${string(0.5)}", Map.of())).isEqualTo("0.5");
  }

  @Test
  void mixedIntAndDoubleComparisonsWork() {
    assertThat(engine.render("${p.replicas > 0 && p.replicas <= 3}", Map.of("p", Map.of("replicas", 2.0))))
        .isEqualTo(true);
  }

  @Test
  void aValueContainingExpressionSyntaxIsNeverEvaluated() {
    Map<String, Object> inputs = Map.of("p", Map.of("evil", "${p.secret}", "secret", "s3cr3t"));
    assertThat(engine.render("${p.evil}", inputs)).isEqualTo("${p.secret}");
    assertThat(engine.render("v=${p.evil}", inputs)).isEqualTo("v=${p.secret}");
  }

  @Test
  void compiledProgramsAreCachedPerVariableSetAndExpression() {
    CelEnvironment cel = new CelEnvironment();
    TemplateEngine cached = new TemplateEngine(cel);
    for (int i = 0; i < 50; i++) {
      cached.render("${a + b}", Map.of("a", (long) i, "b", 1L));
    }
    assertThat(cel.cachedPrograms()).isEqualTo(1);
    cached.render("${a + b}", Map.of("a", 1L, "b", 1L, "c", 1L));
    assertThat(cel.cachedPrograms()).as("another variable set is another environment").isEqualTo(2);
  }

  @Test
  void rendersConsistentlyFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        long n = i;
        results.add(pool.submit(() -> engine.render(Map.of("name", "${'run-' + string(n)}", "n", "${n * 2}"),
            Map.of("n", n))));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(Map.of("name", "run-" + i, "n", 2L * i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void omitRemovesMapEntriesAndListElementsAtAnyDepth() {
    Object out = engine.renderAndRemoveOmitted(
        Map.of("keep", "x", "drop", "${oc_omit()}", "list", List.of("a", "${oc_omit()}", "${[1, oc_omit()]}")),
        Map.of());
    assertThat(out).isEqualTo(Map.of("keep", "x", "list", List.of("a", List.of(1L))));
  }
}
