package dev.wfrun.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile templates and parameters cannot take the functions' CPU or memory. */
class EvaluationBudgetTest {
  private final TemplateEngine engine = new TemplateEngine();

  private Object render(String expression, Map<String, Object> parameters) {
    return engine.render(Map.of("x", "${" + expression + "}"), Map.of("parameters", parameters));
  }

  @Test
  void nestedComprehensionsStopAtTheIterationLimit() {
    assertThatThrownBy(() -> render("lists.range(6000).map(i, lists.range(6000).map(j, i*j))", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("CEL evaluation cost limit of 4000000 exceeded");
  }

  @Test
  void aHugeRangeIsRefusedBeforeItIsBuilt() {
    assertThatThrownBy(() -> render("lists.range(1000000000).size()", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("lists.range(1000000000) exceeds the list size limit of 10000");
  }

  @Test
  void concatenatingALargeParameterManyTimesRunsOutOfCost() {
    String big = "x".repeat(100_000);
    assertThatThrownBy(() -> render("lists.range(5000).map(i, parameters.big + parameters.big).size()",
        Map.of("big", big)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("cost limit of 4000000 exceeded");
  }

  @Test
  void ordinaryTemplatesStayWellWithinTheBudget() {
    Object rendered = render("lists.range(100).map(i, 'step-' + string(i)).join(',').size() > 0",
        Map.of());
    assertThat(rendered).isEqualTo(Map.of("x", true));
    assertThat(render("parameters.items.map(i, i.name)", Map.of("items",
        List.of(Map.of("name", "a"), Map.of("name", "b"))))).isEqualTo(Map.of("x", List.of("a", "b")));
  }

  @Test
  void theIterationLimitIsForTheWholeEvaluation() {
    // 200 x 200 = 40,000 iterations in all, though each loop alone is small
    assertThatThrownBy(() -> render("lists.range(200).map(i, lists.range(200).map(j, j)).size()", Map.of()))
        .isInstanceOf(TemplateException.class);
  }
}
