package dev.wfrun.core.template;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * CEL functions that would otherwise allocate without bound from a small input, replaced by
 * bounded ones with the same signature: {@code lists.range(n)} refuses n above the list limit
 * (cel-java's would build a list of a billion elements before any budget could see it).
 */
final class BoundedFunctions implements CelCompilerLibrary, CelRuntimeLibrary {
  private final int maxListSize;

  BoundedFunctions(int maxListSize) {
    this.maxListSize = maxListSize;
  }

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("lists.range",
        CelOverloadDecl.newGlobalOverload("lists_range", ListType.create(SimpleType.INT), SimpleType.INT)));
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    runtime.addFunctionBindings(CelFunctionBinding.from("lists_range", Long.class, this::range));
  }

  private List<Long> range(long n) {
    if (n > maxListSize) {
      throw new EvaluationBudget.Exceeded("lists.range(" + n + ") exceeds the list size limit of " + maxListSize);
    }
    List<Long> out = new ArrayList<>((int) Math.max(0, n));
    for (long i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
