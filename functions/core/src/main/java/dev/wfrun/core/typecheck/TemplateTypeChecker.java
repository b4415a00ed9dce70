package dev.wfrun.core.typecheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.common.CelValidationException;
import dev.wfrun.core.template.CelEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a template expression against what a run of its Workflow provides: {@code parameters}
 * typed from the parameter schema ({@link SchemaCelTypes}), {@code metadata}, {@code workflowplane},
 * {@code systemParameters} with their fixed fields, and {@code externalRefs} keyed by the declared
 * ids. A field that does not exist is named with the closest one that does; then CEL's checker finds
 * the type errors ({@code size(parameters.n)} of an integer). Using an object where CEL wants a map
 * ({@code size(parameters.repository)}, {@code oc_merge(parameters.resources, ...)}) is what the
 * values are at run time, so such an expression is checked again with objects as maps.
 */
public final class TemplateTypeChecker {
  private final SchemaCelTypes types = new SchemaCelTypes();
  private final Map<String, CelType> variables = new LinkedHashMap<>();
  private final List<String> externalRefIds;
  private final CelCompiler strict;
  private final CelCompiler loose;

  /**
   * @param parameterSchema the Workflow's parameter JSON Schema, null when it declares none (then
   *     {@code parameters} is free-form)
   * @param externalRefIds the declared externalRef ids; null when {@code externalRefs} is not
   *     available where the expression is (an externalRef's own name)
   */
  public TemplateTypeChecker(JsonNode parameterSchema, List<String> externalRefIds) {
    this.externalRefIds = externalRefIds;
    variables.put("parameters", parameterSchema == null ? SimpleType.DYN : types.of("parameters", parameterSchema));
    variables.put("metadata", types.object("metadata", fields("namespaceName", SimpleType.STRING,
        "workflowRunName", SimpleType.STRING, "namespace", SimpleType.STRING,
        "labels", MapType.create(SimpleType.STRING, SimpleType.STRING))));
    variables.put("workflowplane", types.object("workflowplane", fields("secretStore", SimpleType.STRING)));
    StructType revision = types.object("systemParameters.repository.revision",
        fields("branch", SimpleType.DYN, "commit", SimpleType.DYN));
    StructType repository = types.object("systemParameters.repository", fields("url", SimpleType.DYN,
        "secretRef", SimpleType.DYN, "appPath", SimpleType.DYN, "revision", revision));
    variables.put("systemParameters", types.object("systemParameters", fields("repository", repository)));
    if (externalRefIds != null) {
      variables.put("externalRefs", MapType.create(SimpleType.STRING, SimpleType.DYN));
    }
    strict = CelEnvironment.typedCompiler(variables, types);
    Map<String, CelType> asMaps = new LinkedHashMap<>();
    variables.forEach((name, type) -> asMaps.put(name, types.loose(type)));
    loose = CelEnvironment.typedCompiler(asMaps, types);
  }

  private static Map<String, CelType> fields(Object... pairs) {
    Map<String, CelType> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (CelType) pairs[i + 1]);
    }
    return out;
  }

  /**
   * Results by expression: cel-java's checker builds its whole environment for every check (about
   * a millisecond), and the same Workflow's expressions come back with every update and re-apply.
   * Bounded; cleared when full.
   */
  static final int MAX_REMEMBERED = 2_000;
  private final java.util.concurrent.ConcurrentHashMap<String, List<String>> remembered =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The problems of one expression (the text inside {@code ${...}}), empty when it checks. */
  public List<String> check(String expression) {
    List<String> known = remembered.get(expression);
    if (known != null) {
      return known;
    }
    List<String> problems = List.copyOf(checkOnce(expression));
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(expression, problems);
    return problems;
  }

  private List<String> checkOnce(String expression) {
    CelValidationResult parsed = strict.parse(expression);
    if (parsed.hasError()) {
      return List.of(messages(parsed));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = parsed.getAst();
    } catch (CelValidationException e) {
      return List.of(CelEnvironment.celMessage(e));
    }
    List<String> fieldProblems = new ArrayList<>();
    CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> unknownField(node.expr(), fieldProblems));
    if (!fieldProblems.isEmpty()) {
      return fieldProblems.stream().distinct().toList();
    }
    CelValidationResult checked = strict.check(ast);
    if (!checked.hasError()) {
      return List.of();
    }
    if (mentionsObjectType(checked)) {
      CelValidationResult again = loose.check(ast);
      return again.hasError() ? List.of(messages(again)) : List.of();
    }
    return List.of(messages(checked));
  }

  private boolean mentionsObjectType(CelValidationResult result) {
    for (CelIssue issue : result.getErrors()) {
      for (CelType type : types.types()) {
        if (issue.getMessage().contains(type.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String messages(CelValidationResult result) {
    List<String> out = new ArrayList<>();
    for (CelIssue issue : result.getErrors()) {
      var at = issue.getSourceLocation();
      out.add((at.getLine() > 0 ? "at " + at.getLine() + ":" + (at.getColumn() + 1) + ": " : "") + issue.getMessage());
    }
    return String.join("; ", out);
  }

  /** A field or key selected from something of known type that it does not have. */
  private void unknownField(CelExpr expr, List<String> out) {
    CelExpr operand;
    String field;
    if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
      operand = expr.select().operand();
      field = expr.select().field();
    } else if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().args().size() == 2
        && (expr.call().function().equals("_[_]") || expr.call().function().equals("_?._")
            || expr.call().function().equals("_[?_]"))
        && constantString(expr.call().args().get(1)).isPresent()) {
      operand = expr.call().args().get(0);
      field = constantString(expr.call().args().get(1)).get();
    } else {
      return;
    }
    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && operand.ident().name().equals("externalRefs")
        && externalRefIds != null) {
      if (!externalRefIds.contains(field)) {
        out.add("no externalRef with id \"" + field + "\"" + Suggestion.of(field, externalRefIds)
            .map(s -> " (did you mean \"" + s + "\"?)").orElse("")
            + (externalRefIds.isEmpty() ? "" : "; declared: " + String.join(", ", externalRefIds)));
      }
      return;
    }
    Optional<CelType> type = resolve(operand);
    if (type.isPresent() && type.get() instanceof StructType struct && struct.findField(field).isEmpty()) {
      List<String> names = List.copyOf(struct.fieldNames());
      String name = SchemaCelTypes.pathOf(struct);
      if (name.equals("parameters") || name.startsWith("parameters.")) {
        String prefix = name.equals("parameters") ? "" : name.substring("parameters.".length()) + ".";
        out.add("no such parameter \"" + prefix + field + "\"" + Suggestion.of(field, names)
            .map(s -> " (did you mean \"" + prefix + s + "\"?)")
            .orElse(" (declared" + (prefix.isEmpty() ? "" : " in " + prefix.substring(0, prefix.length() - 1)) + ": "
                + names.stream().limit(10).map(n -> prefix + n).reduce((a, b) -> a + ", " + b).orElse("") 
                + (names.size() > 10 ? ", ..." : "") + ")"));
      } else {
        out.add(name + " has no field \"" + field + "\"" + Suggestion.of(field, names)
            .map(s -> " (did you mean \"" + s + "\"?)").orElse("") + "; it has " + String.join(", ", names));
      }
    }
  }

  /** The type of a chain of selections from a variable, when it is known. */
  private Optional<CelType> resolve(CelExpr expr) {
    switch (expr.getKind()) {
      case IDENT:
        return Optional.ofNullable(variables.get(expr.ident().name()));
      case SELECT:
        if (expr.select().testOnly()) {
          return Optional.of(SimpleType.BOOL);
        }
        return resolve(expr.select().operand()).flatMap(t -> member(t, expr.select().field()));
      case CALL:
        if (expr.call().function().equals("_[_]") && expr.call().args().size() == 2) {
          CelExpr key = expr.call().args().get(1);
          return resolve(expr.call().args().get(0)).flatMap(t -> {
            if (t instanceof ListType list && key.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
              return Optional.of(list.elemType());
            }
            return constantString(key).flatMap(k -> member(t, k));
          });
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static Optional<CelType> member(CelType type, String field) {
    if (type instanceof StructType struct) {
      return struct.findField(field).map(StructType.Field::type);
    }
    if (type instanceof MapType map) {
      return Optional.of(map.valueType());
    }
    return Optional.empty();
  }

  private static Optional<String> constantString(CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
      return Optional.of(expr.constant().stringValue());
    }
    return Optional.empty();
  }
}
