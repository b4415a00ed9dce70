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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

  private static final EvaluationBudget.Limits LIMITS = EvaluationBudget.Limits.DEFAULT;
  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations(LIMITS.maxIterations())
          .maxExpressionCodePointSize(100_000)
          .build();
  /** The lists extension without its unbounded {@code lists.range}; {@link BoundedFunctions} has a bounded one. */
  private static final java.util.Set<dev.cel.extensions.CelListsExtensions.Function> LISTS =
      java.util.EnumSet.complementOf(java.util.EnumSet.of(dev.cel.extensions.CelListsExtensions.Function.RANGE));

  private final CelRuntime runtime;
  private final boolean cachePrograms;
  private final Cache<String, CelCompiler> compilers =
      CacheBuilder.newBuilder().maximumSize(MAX_ENVIRONMENTS).build();
  /** Environment key, then expression: both strings keep their hash, so a hit costs two lookups. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, CelRuntime.Program>> programs =
      new ConcurrentHashMap<>();
  private final AtomicInteger programCount = new AtomicInteger();

  /**
   * Inputs bound for evaluation, with the environment key (the sorted variable names) computed
   * once: bind once per render, evaluate many expressions.
   */
  public record Bindings(Map<String, Object> inputs, String environment, EvaluationBudget budget) {}

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
                CelExtensions.math(),
                CelExtensions.lists(LISTS),
                CelExtensions.sets(OPTIONS),
                CelExtensions.comprehensions(),
                new OcFunctions(),
                new BoundedFunctions(LIMITS.maxListSize()))
            .build();
  }

  /**
   * Evaluates {@code expression} with {@code inputs} as variables.
   *
   * @throws TemplateException with upstream's wording: "CEL compilation error in expression
   *     '...'", "CEL evaluation error in expression '...'"
   */
  public Object evaluate(String expression, Map<String, Object> inputs) {
    return evaluate(expression, bind(inputs));
  }

  public Bindings bind(Map<String, Object> inputs) {
    return new Bindings(inputs, environmentKey(inputs.keySet()), new EvaluationBudget(LIMITS));
  }

  /** Evaluates {@code expression} with already bound inputs. */
  public Object evaluate(String expression, Bindings bindings) {
    CelRuntime.Program program = program(expression, bindings.environment());
    try {
      bindings.budget().checkTime();
      return program.trace(bindings.inputs(), bindings.budget());
    } catch (EvaluationBudget.Exceeded e) {
      throw budgetExceeded(expression, e);
    } catch (CelEvaluationException e) {
      EvaluationBudget.Exceeded budget = causeOf(e, EvaluationBudget.Exceeded.class);
      if (budget != null) {
        throw budgetExceeded(expression, budget);
      }
      throw new TemplateException(
          "CEL evaluation error in expression '" + expression + "': " + celMessage(e),
          expression,
          null,
          e);
    } catch (RuntimeException e) {
      EvaluationBudget.Exceeded budget = causeOf(e, EvaluationBudget.Exceeded.class);
      if (budget != null) {
        throw budgetExceeded(expression, budget);
      }
      throw e;
    }
  }

  private static TemplateException budgetExceeded(String expression, EvaluationBudget.Exceeded e) {
    String shown = expression.length() > 200 ? expression.substring(0, 200) + "..." : expression;
    return new TemplateException("CEL evaluation limit in expression '" + shown + "': " + e.getMessage(),
        expression, null, e);
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String environmentKey(Collection<String> variables) {
    String[] names = variables.toArray(new String[0]);
    java.util.Arrays.sort(names);
    return String.join("\u001f", names);
  }

  private CelRuntime.Program program(String expression, String envKey) {
    if (!cachePrograms) {
      return compile(expression, compiler(envKey));
    }
    ConcurrentHashMap<String, CelRuntime.Program> forEnvironment =
        programs.computeIfAbsent(envKey, k -> new ConcurrentHashMap<>());
    CelRuntime.Program cached = forEnvironment.get(expression);
    if (cached != null) {
      return cached;
    }
    CelRuntime.Program compiled = compile(expression, compiler(envKey));
    if (programCount.incrementAndGet() > MAX_PROGRAMS) {
      // bounded: start over rather than grow without limit (templates are few; this is rare)
      programs.clear();
      programCount.set(1);
      forEnvironment = programs.computeIfAbsent(envKey, k -> new ConcurrentHashMap<>());
    }
    CelRuntime.Program raced = forEnvironment.putIfAbsent(expression, compiled);
    return raced == null ? compiled : raced;
  }

  private CelCompiler compiler(String envKey) {
    CelCompiler cached = compilers.getIfPresent(envKey);
    if (cached != null) {
      return cached;
    }
    CelCompilerBuilder builder = compilerBuilder();
    if (!envKey.isEmpty()) {
      for (String variable : envKey.split("\u001f")) {
        builder.addVar(variable, SimpleType.DYN);
      }
    }
    CelCompiler compiler = builder.build();
    compilers.put(envKey, compiler);
    return compiler;
  }

  /** A compiler builder with the libraries, macros and options of templates, no variables yet. */
  private static CelCompilerBuilder compilerBuilder() {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(
            CelExtensions.optional(),
            CelExtensions.strings(),
            CelExtensions.encoders(OPTIONS),
            CelExtensions.math(),
            CelExtensions.lists(LISTS),
            CelExtensions.sets(OPTIONS),
            CelExtensions.comprehensions(),
            new OcFunctions(),
            new BoundedFunctions(LIMITS.maxListSize()));
  }

  /**
   * A compiler for type checking: the template libraries with each variable of a declared type
   * (object types resolved through {@code types}); not cached, since each Workflow has its own.
   */
  public static CelCompiler typedCompiler(Map<String, dev.cel.common.types.CelType> variables,
      dev.cel.common.types.CelTypeProvider types) {
    CelCompilerBuilder builder = compilerBuilder().setTypeProvider(types);
    variables.forEach(builder::addVar);
    return builder.build();
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
    return programs.values().stream().mapToLong(Map::size).sum();
  }

  /** Checks that {@code expression} compiles with these variables, without evaluating it. */
  public void check(String expression, Collection<String> variables) {
    program(expression, environmentKey(variables));
  }

  /**
   * CEL's message on one line, in the words OpenChoreo users know from cel-go where cel-java
   * says the same thing differently ({@code no such key: x}).
   */
  public static String celMessage(Exception e) {
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
