package dev.weft.definition;

import dev.weft.common.Limits;
import dev.weft.expression.ExpressionEngine;
import dev.weft.steps.StepRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Saves, finds and parses definitions; the built-in workflows are found first for every app. */
@Service
public class DefinitionService {

    private static final int PARSED_CACHE_LIMIT = 5_000;

    private final DefinitionStore store;
    private final BuiltInWorkflows builtIns;
    private final DefinitionParser parser;
    private final DefinitionTypeCheck types;
    private final com.github.benmanes.caffeine.cache.Cache<String, List<DefinitionError>> checkedPlans =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).build();
    private final Clock clock;
    private final ConcurrentMap<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

    public DefinitionService(DefinitionStore store, StepRegistry steps, ExpressionEngine expressions,
                             Limits limits, Clock clock) {
        this.store = store;
        this.builtIns = new BuiltInWorkflows();
        this.parser = new DefinitionParser(steps.types(), expressions, limits);
        this.types = new DefinitionTypeCheck(steps, expressions);
        this.clock = clock;
        for (StoredDefinition d : builtIns.all()) {
            // a broken built-in is a build bug: fail at startup (their types are checked by a test, not at
            // every start: that builds a CEL environment per workflow)
            parser.parse(d.definition(), true);
        }
    }

    /** Validates and saves a new version. */
    @Transactional
    public StoredDefinition save(String appId, JsonNode document) {
        WorkflowDefinition def = check(appId, document, true);
        if (builtIns.isBuiltIn(def.slug())) {
            throw new InvalidDefinitionException(List.of(new DefinitionError(null, "slug", "/slug", "RESERVED_SLUG",
                    "slug '" + def.slug() + "' is a built-in workflow; choose another slug")));
        }
        return store.saveNextVersion(appId, def.slug(), document.toString(), clock.instant());
    }

    /** Checks a definition exactly as {@link #save} would, storing nothing ({@code validateOnly}). */
    public WorkflowDefinition validate(String appId, JsonNode document) {
        return check(appId, document, document != null && document.has("slug"));
    }

    /** Validates an ephemeral plan an app runs, the workflows it calls included. */
    public WorkflowDefinition parsePlan(String appId, JsonNode plan) {
        return check(appId, plan, false);
    }

    /** Structure and graph first (they stop at their own errors), then types and calls, reported together. */
    private WorkflowDefinition check(String appId, JsonNode document, boolean stored) {
        try {
            return checkSound(appId, document, stored);
        } catch (DefinitionParser.UnknownStepTypesException e) {
            // the unknown types, and what the type check finds in the rest, in one answer
            List<DefinitionError> errors = new ArrayList<>(e.errors());
            errors.addAll(types.check(e.definition()));
            throw new InvalidDefinitionException(errors);
        }
    }

    private WorkflowDefinition checkSound(String appId, JsonNode document, boolean stored) {
        WorkflowDefinition def;
        List<DefinitionError> typeErrors;
        if (stored) {
            def = parser.parse(document, true);
            typeErrors = types.check(def);
        } else {
            // a plan is usually the same text run after run (only the input changes): its parse and its
            // type check, which builds a CEL environment, are done once per text
            String text = document == null ? "null" : document.toString();
            def = parseStored(text);
            typeErrors = checkedPlans.get(text, t -> types.check(parseStored(t)));
        }
        List<DefinitionError> errors = new ArrayList<>(typeErrors);
        errors.addAll(callErrors(appId, def, stored ? def.slug() : null));
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return def;
    }

    /** How many stored definitions the cycle check follows at most before it stops looking. */
    private static final int MAX_CALLS_FOLLOWED = 200;

    /**
     * Checks the calls a definition's {@code workflow} steps make by literal slug: the workflow
     * exists for the app, is not the definition itself, and no chain of literal calls from it leads
     * back to {@code ownSlug} (whose latest version the definition is about to become). Calls made
     * through expressions are only known at run time, where the depth limit stops a loop.
     */
    private List<DefinitionError> callErrors(String appId, WorkflowDefinition def, String ownSlug) {
        List<DefinitionError> errors = new ArrayList<>();
        for (int i = 0; i < def.steps().size(); i++) {
            StepDefinition step = def.steps().get(i);
            Optional<ChildWorkflow> call = ChildWorkflow.literal(step);
            if (call.isEmpty()) {
                continue;
            }
            String pointer = "/steps/" + i + "/input/workflowSlug";
            ChildWorkflow callee = call.get();
            if (callee.slug().equals(ownSlug) && callee.version() == null) {
                errors.add(new DefinitionError(step.id(), "input.workflowSlug", pointer, "SELF_CALL",
                        "a workflow cannot call itself: '" + ownSlug + "' would start runs of itself without end"));
                continue;
            }
            Optional<StoredDefinition> found = find(appId, callee.slug(), callee.version());
            if (found.isEmpty()) {
                boolean slugExists = callee.version() != null && find(appId, callee.slug(), null).isPresent();
                String suggestion = slugExists ? null : nearestSlug(appId, callee.slug()).orElse(null);
                errors.add(new DefinitionError(step.id(), slugExists ? "input.version" : "input.workflowSlug",
                        slugExists ? "/steps/" + i + "/input/version" : pointer, "UNKNOWN_WORKFLOW",
                        "this app has no workflow '" + callee.slug() + "'"
                                + (slugExists ? " version " + callee.version() : "")
                                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""), suggestion));
                continue;
            }
            if (ownSlug != null) {
                List<String> loop = pathBackTo(appId, ownSlug, found.get());
                if (!loop.isEmpty()) {
                    errors.add(new DefinitionError(step.id(), "input.workflowSlug", pointer, "CALL_CYCLE",
                            "calling '" + callee.slug() + "' leads back to this workflow: " + ownSlug + " -> "
                                    + String.join(" -> ", loop)));
                }
            }
        }
        return errors;
    }

    /** The app's workflow slug (built-in ones included) closest to a mistyped one. */
    public Optional<String> nearestSlug(String appId, String slug) {
        return dev.weft.common.Suggestions.nearest(slug, list(appId).stream().map(StoredDefinition::slug).toList());
    }

    /** The chain of literal calls from {@code start} that reaches the latest {@code ownSlug}, or empty. */
    private List<String> pathBackTo(String appId, String ownSlug, StoredDefinition start) {
        java.util.Deque<List<StoredDefinition>> todo = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        todo.add(List.of(start));
        while (!todo.isEmpty() && seen.size() < MAX_CALLS_FOLLOWED) {
            List<StoredDefinition> path = todo.poll();
            StoredDefinition last = path.getLast();
            if (!seen.add(last.slug() + "@" + last.version())) {
                continue;
            }
            for (StepDefinition step : parseStored(last.definition().toString()).steps()) {
                Optional<ChildWorkflow> call = ChildWorkflow.literal(step);
                if (call.isEmpty()) {
                    continue;
                }
                if (call.get().slug().equals(ownSlug) && call.get().version() == null) {
                    List<String> names = new ArrayList<>(path.stream().map(StoredDefinition::slug).toList());
                    names.add(ownSlug);
                    return names;
                }
                find(appId, call.get().slug(), call.get().version()).ifPresent(next -> {
                    List<StoredDefinition> longer = new ArrayList<>(path);
                    longer.add(next);
                    todo.add(longer);
                });
            }
        }
        return List.of();
    }

    /** Parses a definition that was validated when stored (cached: runs parse theirs on every event). */
    public WorkflowDefinition parseStored(String json) {
        WorkflowDefinition cached = parsed.get(json);
        if (cached != null) {
            return cached;
        }
        WorkflowDefinition def = parser.parse(dev.weft.common.Json.parse(json), false);
        if (parsed.size() >= PARSED_CACHE_LIMIT) {
            parsed.clear();
        }
        parsed.put(json, def);
        return def;
    }

    public Optional<StoredDefinition> find(String appId, String slug, Integer version) {
        Optional<StoredDefinition> builtIn = builtIns.find(slug);
        if (builtIn.isPresent()) {
            return version == null || version == 1 ? builtIn : Optional.empty();
        }
        return version == null ? store.latest(appId, slug) : store.version(appId, slug, version);
    }

    public List<StoredDefinition> versions(String appId, String slug) {
        return builtIns.find(slug).map(List::of).orElseGet(() -> store.versions(appId, slug));
    }

    public List<StoredDefinition> list(String appId) {
        List<StoredDefinition> all = new ArrayList<>(builtIns.all());
        all.addAll(store.latestOfEach(appId));
        return all;
    }
}
