package dev.wfrun.core.template;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * What one render may spend on CEL: every evaluated expression node costs 1 plus the size of the
 * value it produced (characters of a string, elements of a list or map), and the whole render
 * stops with a {@link TemplateException} naming the limit once the cost or the time is used up.
 * Templates and parameters come from tenants, so no render can take the functions' CPU or memory.
 * Comprehension iterations are bounded separately ({@link Limits#maxIterations()}, cel-java's
 * own option), and {@code lists.range} by {@link Limits#maxListSize()}.
 */
public final class EvaluationBudget implements CelEvaluationListener {
  /** The bounds of one render. */
  public record Limits(long maxCost, Duration maxTime, int maxIterations, int maxListSize) {
    /**
     * What a Workflow template can need many times over: 4M cost units (a few MB of values
     * produced; a rendered object is limited to 1 MiB anyway), 2 s, 10,000 iterations in all.
     */
    public static final Limits DEFAULT = new Limits(4_000_000, Duration.ofSeconds(2), 10_000, 10_000);
  }

  /** Thrown out of an evaluation when the budget is spent. */
  public static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  private final Limits limits;
  private final long deadline;
  private long cost;

  public EvaluationBudget(Limits limits) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.maxTime().toNanos();
  }

  public Limits limits() {
    return limits;
  }

  /** Cost spent so far. */
  public long spent() {
    return cost;
  }

  @Override
  public void callback(CelExpr expr, Object value) {
    cost += 1 + sizeOf(value);
    if (cost > limits.maxCost()) {
      throw new Exceeded("CEL evaluation cost limit of " + limits.maxCost() + " exceeded");
    }
    if ((cost & 0x3ff) == 0 || cost > limits.maxCost() / 2) {
      checkTime();
    }
  }

  /** Throws when the render's time is up. */
  public void checkTime() {
    if (System.nanoTime() > deadline) {
      throw new Exceeded("CEL evaluation time limit of " + limits.maxTime().toMillis() + " ms exceeded");
    }
  }

  private static long sizeOf(Object value) {
    if (value instanceof CharSequence s) {
      return s.length();
    }
    if (value instanceof Collection<?> c) {
      return c.size();
    }
    if (value instanceof Map<?, ?> m) {
      return m.size();
    }
    if (value instanceof com.google.protobuf.ByteString b) {
      return b.size();
    }
    if (value instanceof byte[] b) {
      return b.length;
    }
    return 0;
  }
}
