package dev.wfrun.core.template;

import dev.wfrun.core.template.CelEnvironment.Bindings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a template tree: every string is scanned for {@code ${...}} expressions. A string that
 * is exactly one expression (surrounding whitespace aside) becomes the expression's native value
 * (number, bool, map, list...); otherwise each expression's value is interpolated as text. Map
 * keys may be expressions too. {@code oc_omit()} as a map value or list element removes it.
 *
 * <p>Values coming from the inputs are data: they are never scanned for expressions again. The
 * result shares no mutable structure with the template. Thread-safe; compiled programs are cached
 * by the {@link CelEnvironment}.
 */
public final class TemplateEngine {
  private final CelEnvironment cel;

  public TemplateEngine() {
    this(new CelEnvironment());
  }

  public TemplateEngine(CelEnvironment cel) {
    this.cel = cel;
  }

  public CelEnvironment cel() {
    return cel;
  }

  /**
   * Renders {@code template} (template values: maps, lists, strings, numbers...) with
   * {@code inputs} as CEL variables.
   *
   * @throws TemplateException naming the expression, the JSON path and CEL's message
   */
  public Object render(Object template, Map<String, Object> inputs) {
    return render(template, cel.bind(inputs), TemplatePath.ROOT);
  }

  /** Renders a template and removes any omitted value left anywhere in the result. */
  public Object renderAndRemoveOmitted(Object template, Map<String, Object> inputs) {
    return TemplateValues.removeOmitted(render(template, inputs));
  }

  /** Renders one string found at {@code path}: native value when standalone, text when interpolated. */
  public Object renderString(String text, Map<String, Object> inputs, String path) {
    return renderString(text, cel.bind(inputs), TemplatePath.of(path));
  }

  private Object render(Object node, Bindings bindings, TemplatePath path) {
    if (node instanceof String text) {
      return renderString(text, bindings, path);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String renderedKey = renderKey(key, bindings, path);
        Object value = render(entry.getValue(), bindings, path.key(renderedKey));
        if (value != Omit.VALUE) {
          out.put(renderedKey, value);
        }
      }
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object value = render(list.get(i), bindings, path.index(i));
        if (value != Omit.VALUE) {
          out.add(value);
        }
      }
      return out;
    }
    return node;
  }

  private String renderKey(String key, Bindings bindings, TemplatePath path) {
    if (key.indexOf("${") < 0) {
      return key;
    }
    Object rendered = renderString(key, bindings, path.key(key));
    if (rendered instanceof String s) {
      return s;
    }
    throw new TemplateException(
        "dynamic map key '" + key + "' must evaluate to a string, got "
            + TemplateValues.typeName(rendered) + ": " + GoJson.write(rendered),
        key,
        path.key(key).toString());
  }

  private Object renderString(String text, Bindings bindings, TemplatePath path) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    List<Expression> expressions;
    try {
      expressions = ExpressionScanner.findCached(text);
    } catch (TemplateException e) {
      throw e.at(path.toString());
    }
    if (expressions.isEmpty()) {
      return text;
    }
    if (expressions.size() == 1 && expressions.get(0).full().equals(text.strip())) {
      return evaluate(expressions.get(0), bindings, path);
    }
    // upstream's substitution, quirk included: each placeholder in turn replaces the first place its
    // text occurs in the string rendered so far, so a value that contains the literal text of a later
    // placeholder (say ${b}) has that text replaced, and the later placeholder itself stays where it was
    // only if it occurs again; the same placeholder twice (${x}-${x}) works because both are found
    String rendered = text;
    for (Expression expression : expressions) {
      String value = interpolate(evaluate(expression, bindings, path));
      int at = rendered.indexOf(expression.full());
      if (at >= 0) {
        rendered = rendered.substring(0, at) + value + rendered.substring(at + expression.full().length());
      }
    }
    return rendered;
  }

  private Object evaluate(Expression expression, Bindings bindings, TemplatePath path) {
    try {
      return TemplateValues.fromCel(cel.evaluate(expression.inner(), bindings));
    } catch (TemplateException e) {
      throw e.at(path.toString());
    }
  }

  /** How a value reads inside a string: Go formatting, JSON for structures. */
  static String interpolate(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return GoFormat.g(d);
    }
    if (value instanceof Long || value instanceof Boolean || value instanceof java.math.BigInteger) {
      return value.toString();
    }
    return GoJson.write(value);
  }
}
