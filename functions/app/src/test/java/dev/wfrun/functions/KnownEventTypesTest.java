package dev.wfrun.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pre-filter's known types are exactly the types the functions' {@code @CloudEventMapping}s bind. */
class KnownEventTypesTest {

  @Test
  void thePreFilterKnowsExactlyTheTypesTheFunctionsAreBoundTo() throws Exception {
    Set<String> bound = KnativeManifestsTest.bindings().stream().map(KnativeManifestsTest.Binding::type)
        .collect(Collectors.toSet());
    assertThat(bound).as("the functions bind some types").hasSizeGreaterThan(5);
    assertThat(KnownEventTypes.TYPES).containsExactlyInAnyOrderElementsOf(bound);
  }
}
