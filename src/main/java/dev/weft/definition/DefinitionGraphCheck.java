package dev.weft.definition;

import dev.weft.expression.ExpressionEngine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what needs the whole step graph: dependencies exist, no cycles, fallbacks are sound, and
 * expressions only read steps that are guaranteed to have finished (ancestors).
 */
final class DefinitionGraphCheck {

    private final WorkflowDefinition definition;
    private final ExpressionEngine expressions;
    private final Map<String, StepDefinition> byId = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();

    DefinitionGraphCheck(WorkflowDefinition definition, ExpressionEngine expressions) {
        this.definition = definition;
        this.expressions = expressions;
        List<StepDefinition> steps = definition.steps();
        for (int i = 0; i < steps.size(); i++) {
            byId.put(steps.get(i).id(), steps.get(i));
            index.put(steps.get(i).id(), i);
        }
    }

    void check(DefinitionParser.Errors errors) {
        for (StepDefinition step : definition.steps()) {
            for (int i = 0; i < step.dependsOn().size(); i++) {
                String dep = step.dependsOn().get(i);
                if (!byId.containsKey(dep)) {
                    errors.add(step.id(), "dependsOn[" + i + "]", pointer(step) + "/dependsOn/" + i, "UNKNOWN_DEPENDENCY",
                            "depends on '" + dep + "', which is not a step of this workflow");
                } else if (dep.equals(step.id())) {
                    errors.add(step.id(), "dependsOn[" + i + "]", pointer(step) + "/dependsOn/" + i, "CYCLE",
                            "a step cannot depend on itself");
                }
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        List<String> cycle = findCycle();
        if (!cycle.isEmpty()) {
            StepDefinition first = byId.get(cycle.getFirst());
            errors.add(first.id(), "dependsOn", pointer(first) + "/dependsOn", "CYCLE",
                    "dependency cycle: " + String.join(" -> ", cycle));
            return;
        }
        checkFallbacks(errors);
        for (StepDefinition step : definition.steps()) {
            Set<String> visible = ancestors(step.id());
            String owner = definition.ownerOfFallback(step.id()).map(StepDefinition::id).orElse(null);
            if (owner != null) {
                visible.addAll(ancestors(owner));
                visible.add(owner); // a fallback may read the failed step's error
            }
            if (step.input() != null) {
                checkReferences(step, "input", expressions.referencedSteps(step.input()), visible, errors);
            }
            if (step.when() != null) {
                checkReferences(step, "when", expressions.referencedSteps(step.when()), visible, errors);
            }
            if (step.forEach() != null) {
                checkReferences(step, "forEach",
                        expressions.referencedSteps(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(step.forEach())),
                        visible, errors);
            }
        }
        if (definition.output() != null) {
            for (String ref : expressions.referencedSteps(definition.output())) {
                if (!byId.containsKey(ref)) {
                    errors.add(null, "output", "/output", "UNKNOWN_STEP_REFERENCE",
                            "output refers to steps." + ref + ", which is not a step of this workflow");
                }
            }
        }
    }

    private void checkReferences(StepDefinition step, String field, Set<String> refs, Set<String> visible,
                                 DefinitionParser.Errors errors) {
        for (String ref : refs) {
            String at = pointer(step) + "/" + field;
            if (!byId.containsKey(ref)) {
                errors.add(step.id(), field, at, "UNKNOWN_STEP_REFERENCE",
                        field + " refers to steps." + ref + ", which is not a step of this workflow");
            } else if (ref.equals(step.id())) {
                errors.add(step.id(), field, at, "SELF_REFERENCE", field + " refers to the step's own output");
            } else if (!visible.contains(ref)) {
                errors.add(step.id(), field, at, "NOT_AN_ANCESTOR",
                        field + " refers to steps." + ref + ", which is not an ancestor of '" + step.id()
                                + "'; add it to dependsOn (directly or through another step)");
            }
        }
    }

    private void checkFallbacks(DefinitionParser.Errors errors) {
        Map<String, String> fallbackOwner = new HashMap<>();
        for (StepDefinition step : definition.steps()) {
            if (!(step.onError() instanceof OnError.Fallback(String target))) {
                continue;
            }
            String at = pointer(step) + "/onError/fallback";
            if (!byId.containsKey(target)) {
                errors.add(step.id(), "onError.fallback", at, "UNKNOWN_FALLBACK", "fallback step '" + target + "' does not exist");
            } else if (target.equals(step.id())) {
                errors.add(step.id(), "onError.fallback", at, "INVALID_FALLBACK", "a step cannot be its own fallback");
            } else if (fallbackOwner.putIfAbsent(target, step.id()) != null) {
                errors.add(step.id(), "onError.fallback", at, "INVALID_FALLBACK",
                        "step '" + target + "' is already the fallback of '" + fallbackOwner.get(target) + "'");
            } else if (ancestors(target).contains(step.id())) {
                errors.add(step.id(), "onError.fallback", at, "INVALID_FALLBACK",
                        "fallback '" + target + "' must not depend on '" + step.id() + "'; it runs in its place");
            }
        }
        for (StepDefinition step : definition.steps()) {
            for (String dep : step.dependsOn()) {
                if (fallbackOwner.containsKey(dep)) {
                    errors.add(step.id(), "dependsOn", pointer(step) + "/dependsOn", "DEPENDS_ON_FALLBACK",
                            "depends on '" + dep + "', the fallback of '" + fallbackOwner.get(dep)
                                    + "'; depend on '" + fallbackOwner.get(dep) + "' instead, whose output the fallback provides");
                }
            }
        }
    }

    /** Transitive dependencies of a step. */
    Set<String> ancestors(String id) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(byId.get(id).dependsOn());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && byId.containsKey(next)) {
                todo.addAll(byId.get(next).dependsOn());
            }
        }
        return seen;
    }

    private List<String> findCycle() {
        Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (StepDefinition step : definition.steps()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(step.id(), state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String id, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new java.util.ArrayList<>();
            boolean in = false;
            for (String p : path.reversed()) {
                in |= p.equals(id);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(id);
            return cycle;
        }
        state.put(id, 1);
        path.push(id);
        for (String dep : byId.get(id).dependsOn()) {
            List<String> cycle = visit(dep, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.pop();
        state.put(id, 2);
        return List.of();
    }

    private String pointer(StepDefinition step) {
        return "/steps/" + index.get(step.id());
    }

}
