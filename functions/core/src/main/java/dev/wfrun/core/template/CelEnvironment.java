package dev.wfrun.core.template;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.StringFunction.StringOverload;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * The CEL environment of templates, built once: the standard library and macros, the extensions
 * upstream enables (optional types, strings, encoders, math, lists, sets, two-variable
 * comprehensions), the {@code oc_*} functions, heterogeneous numeric comparisons, and
 * {@code string(double)} printing as Go does ({@code string(8080.0) == "8080"}).
 *
 * <p>Every top-level input is declared as a {@code dyn} variable; a name that is not an input is
 * an undeclared reference. Compilers are cached per variable set and programs per (variable set,
 * expression), both bounded and thread-safe.
 */
public final class CelEnvironment {
  static final int MAX_ENVIRONMENTS = 100;
  static final int MAX_PROGRAMS = 4000;

  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private final CelRuntime runtime;
  private final boolean cachePrograms;
  private final Cache<String, CelCompiler> compilers =
      CacheBuilder.newBuilder().maximumSize(MAX_ENVIRONMENTS).build();
  private final Cache<String, CelRuntime.Program> programs =
      CacheBuilder.newBuilder().maximumSize(MAX_PROGRAMS).build();

  /** An environment that caches compiled programs (the production setting). */
  public CelEnvironment() {
    this(true);
  }

  /** @param cachePrograms false compiles every expression on every evaluation (benchmarks) */
  public CelEnvironment(boolean cachePrograms) {
    this.cachePrograms = cachePrograms;
    this.runtime =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .setStandardEnvironmentEnabled(false)
            .setStandardFunctions(
                CelStandardFunctions.newBuilder()
                    .filterFunctions((fn, overload) -> overload != StringOverload.DOUBLE_TO_STRING)
                    .build())
            .addFunctionBindings(
                CelFunctionBinding.from("double_to_string", Double.class, GoFormat::g))
            .addLibraries(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.math(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.comprehensions(),
                new OcFunctions())
            .build();
  }

  /**
   * Evaluates {@code expression} with {@code inputs} as variables.
   *
   * @throws TemplateException with upstream's wording: "CEL compilation error in expression
   *     '...'", "CEL evaluation error in expression '...'"
   */
  public Object evaluate(String expression, Map<String, Object> inputs) {
    CelRuntime.Program program = program(expression, inputs.keySet());
    try {
      return program.eval(inputs);
    } catch (CelEvaluationException e) {
      throw new TemplateException(
          "CEL evaluation error in expression '" + expression + "': " + celMessage(e),
          expression,
          null,
          e);
    }
  }

  private CelRuntime.Program program(String expression, Collection<String> variables) {
    String envKey = String.join("\u001f", new TreeSet<>(variables));
    if (!cachePrograms) {
      return compile(expression, compiler(envKey));
    }
    try {
      return programs.get(envKey + "\u001e" + expression, () -> compile(expression, compiler(envKey)));
    } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
      if (e.getCause() instanceof TemplateException te) {
        throw te;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private CelCompiler compiler(String envKey) {
    CelCompiler cached = compilers.getIfPresent(envKey);
    if (cached != null) {
      return cached;
    }
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(
                CelExtensions.optional(),
                CelExtensions.strings(),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.math(OPTIONS),
                CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.comprehensions(),
                new OcFunctions());
    if (!envKey.isEmpty()) {
      for (String variable : envKey.split("\u001f")) {
        builder.addVar(variable, SimpleType.DYN);
      }
    }
    CelCompiler compiler = builder.build();
    compilers.put(envKey, compiler);
    return compiler;
  }

  private CelRuntime.Program compile(String expression, CelCompiler compiler) {
    try {
      return runtime.createProgram(compiler.compile(expression).getAst());
    } catch (CelValidationException e) {
      throw new TemplateException(
          "CEL compilation error in expression '" + expression + "': " + celMessage(e),
          expression,
          null,
          e);
    } catch (CelEvaluationException e) {
      throw new TemplateException(
          "CEL program creation error for expression '" + expression + "': " + celMessage(e),
          expression,
          null,
          e);
    }
  }

  /** How many compiled programs the cache holds (for tests and diagnostics). */
  public long cachedPrograms() {
    return programs.size();
  }

  /** Checks that {@code expression} compiles with these variables, without evaluating it. */
  public void check(String expression, Collection<String> variables) {
    program(expression, variables);
  }

  /**
   * CEL's message on one line, in the words OpenChoreo users know from cel-go where cel-java
   * says the same thing differently ({@code no such key: x}).
   */
  static String celMessage(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("|")) {
        continue; // cel-java's source excerpt and caret
      }
      out.append(out.length() == 0 ? "" : "; ").append(trimmed
          .replaceFirst("^ERROR: <input>:(\\d+):(\\d+): ", "at $1:$2: ")
          .replaceFirst("^evaluation error at <input>:\\d+: ", "")
          .replaceAll("key '(.*)' is not present in map\\.", "no such key: $1"));
    }
    return out.toString();
  }

}
