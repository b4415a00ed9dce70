package dev.wfrun.core.template;

import com.google.common.collect.ImmutableList;
import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExpander;
import dev.cel.parser.CelMacroExprFactory;
import dev.cel.parser.CelParserBuilder;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import dev.wfrun.core.naming.KubernetesNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oc_*} CEL functions of OpenChoreo templates, each a declaration (compile time) plus
 * a binding (run time): {@code oc_omit()}, {@code oc_merge(a, b, ...)},
 * {@code oc_generate_name(...)}, {@code oc_dns_label(...)}, {@code oc_hash(s)}. The variadic
 * forms are macros that rewrite to the two-argument or list form.
 */
public final class OcFunctions implements CelCompilerLibrary, CelRuntimeLibrary {
  static final String MERGE_ARITY_ERROR = "oc_merge requires at least 2 arguments";

  private static final MapType STRING_DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
  private static final ListType DYN_LIST = ListType.create(SimpleType.DYN);

  @Override
  public void setParserOptions(CelParserBuilder parser) {
    parser.addMacros(
        CelMacro.newGlobalVarArgMacro("oc_merge", OcFunctions::expandMerge),
        CelMacro.newGlobalVarArgMacro("oc_generate_name", namePartsExpander("oc_generate_name")),
        CelMacro.newGlobalVarArgMacro("oc_dns_label", namePartsExpander("oc_dns_label")));
  }

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            "oc_omit", CelOverloadDecl.newGlobalOverload("oc_omit", SimpleType.DYN)),
        CelFunctionDecl.newFunctionDeclaration(
            "oc_merge",
            CelOverloadDecl.newGlobalOverload(
                "oc_merge_map_map", STRING_DYN_MAP, STRING_DYN_MAP, STRING_DYN_MAP)),
        nameFunction("oc_generate_name"),
        nameFunction("oc_dns_label"),
        CelFunctionDecl.newFunctionDeclaration(
            "oc_hash",
            CelOverloadDecl.newGlobalOverload("oc_hash_string", SimpleType.STRING, SimpleType.STRING)));
  }

  private static CelFunctionDecl nameFunction(String name) {
    return CelFunctionDecl.newFunctionDeclaration(
        name,
        CelOverloadDecl.newGlobalOverload(name + "_string", SimpleType.STRING, SimpleType.STRING),
        CelOverloadDecl.newGlobalOverload(name + "_list", SimpleType.STRING, DYN_LIST));
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    runtime.addFunctionBindings(
        CelFunctionBinding.from("oc_omit", List.of(), args -> Omit.VALUE),
        CelFunctionBinding.from("oc_merge_map_map", Map.class, Map.class, OcFunctions::merge),
        CelFunctionBinding.from(
            "oc_generate_name_string",
            String.class,
            s -> KubernetesNames.generate(List.of(s), KubernetesNames.NAME_LIMIT)),
        CelFunctionBinding.from(
            "oc_generate_name_list",
            List.class,
            l -> KubernetesNames.generate(stringParts(l), KubernetesNames.NAME_LIMIT)),
        CelFunctionBinding.from(
            "oc_dns_label_string",
            String.class,
            s -> KubernetesNames.generate(List.of(s), KubernetesNames.LABEL_LIMIT)),
        CelFunctionBinding.from(
            "oc_dns_label_list",
            List.class,
            l -> KubernetesNames.generate(stringParts(l), KubernetesNames.LABEL_LIMIT)),
        CelFunctionBinding.from("oc_hash_string", String.class, KubernetesNames::fnv1a32));
  }

  /** Shallow merge, later maps win. */
  private static Map<Object, Object> merge(Map<?, ?> base, Map<?, ?> overlay) {
    Map<Object, Object> merged = new LinkedHashMap<>(base);
    merged.putAll(overlay);
    return merged;
  }

  /** Non-string list items are ignored, as upstream does. */
  private static List<String> stringParts(List<?> items) {
    List<String> parts = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof String s) {
        parts.add(s);
      }
    }
    return parts;
  }

  private static Optional<CelExpr> expandMerge(
      CelMacroExprFactory factory, CelExpr target, ImmutableList<CelExpr> args) {
    if (args.size() < 2) {
      return Optional.of(factory.reportError(MERGE_ARITY_ERROR));
    }
    if (args.size() == 2) {
      return Optional.empty();
    }
    CelExpr merged = factory.newGlobalCall("oc_merge", args.get(0), args.get(1));
    for (int i = 2; i < args.size(); i++) {
      merged = factory.newGlobalCall("oc_merge", merged, args.get(i));
    }
    return Optional.of(merged);
  }

  /** {@code f(a, b, c)} becomes {@code f([a, b, c])}; a single argument is left alone. */
  private static CelMacroExpander namePartsExpander(String function) {
    return (factory, target, args) -> {
      if (args.isEmpty()) {
        return Optional.of(factory.reportError(function + " requires at least one argument"));
      }
      if (args.size() == 1) {
        return Optional.empty();
      }
      return Optional.of(factory.newGlobalCall(function, factory.newList(args)));
    };
  }
}
