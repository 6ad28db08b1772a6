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
    private final Clock clock;
    private final ConcurrentMap<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

    public DefinitionService(DefinitionStore store, StepRegistry steps, ExpressionEngine expressions,
                             Limits limits, Clock clock) {
        this.store = store;
        this.builtIns = new BuiltInWorkflows();
        this.parser = new DefinitionParser(steps.types(), expressions, limits);
        this.clock = clock;
        for (StoredDefinition d : builtIns.all()) {
            parser.parse(d.definition(), true); // a broken built-in is a build bug: fail at startup
        }
    }

    /** Validates and saves a new version. */
    @Transactional
    public StoredDefinition save(String appId, JsonNode document) {
        WorkflowDefinition def = parser.parse(document, true);
        if (builtIns.isBuiltIn(def.slug())) {
            throw new InvalidDefinitionException(List.of(new DefinitionError(null, "slug", "/slug", "RESERVED_SLUG",
                    "slug '" + def.slug() + "' is a built-in workflow; choose another slug")));
        }
        return store.saveNextVersion(appId, def.slug(), document.toString(), clock.instant());
    }

    /** Validates an ephemeral plan. */
    public WorkflowDefinition parsePlan(JsonNode plan) {
        return parser.parse(plan, false);
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
