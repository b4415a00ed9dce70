package dev.wfrun.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pre-filter's known types are exactly the types the functions' {@code @CloudEventMapping}s bind. */
class KnownEventTypesTest {

  @Test
  void thePreFilterKnowsExactlyTheTypesTheFunctionsAreBoundTo() throws Exception {
    Set<String> bound = new HashSet<>();
    for (Class<?> type : functionClasses()) {
      for (Method m : type.getDeclaredMethods()) {
        CloudEventMapping mapping = m.getAnnotation(CloudEventMapping.class);
        if (m.isAnnotationPresent(Funq.class) && mapping != null && !mapping.trigger().isEmpty()) {
          bound.add(mapping.trigger());
        }
      }
    }
    assertThat(bound).as("the functions bind some types").hasSizeGreaterThan(5);
    assertThat(KnownEventTypes.TYPES).containsExactlyInAnyOrderElementsOf(bound);
  }

  private static Set<Class<?>> functionClasses() throws URISyntaxException {
    File dir = new File(Objects.requireNonNull(KnownEventTypes.class.getResource("")).toURI());
    Set<Class<?>> classes = new HashSet<>();
    Arrays.stream(Objects.requireNonNull(dir.list((d, name) -> name.endsWith(".class") && !name.contains("$"))))
        .forEach(name -> {
          try {
            classes.add(Class.forName(KnownEventTypes.class.getPackageName() + "." + name.replace(".class", ""), false,
                KnownEventTypes.class.getClassLoader()));
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        });
    return classes;
  }
}
