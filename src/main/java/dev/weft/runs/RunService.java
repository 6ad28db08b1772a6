package dev.weft.runs;

import dev.weft.common.Ids;
import dev.weft.common.FieldLimits;
import dev.weft.common.ConflictException;
import dev.weft.common.ForbiddenException;
import dev.weft.common.InvalidFieldException;
import dev.weft.common.NotFoundException;
import dev.weft.common.ValidationException;
import dev.weft.common.Json;
import dev.weft.common.JsonNumbers;
import dev.weft.common.Limits;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.InputSchemas;
import dev.weft.common.JsonDepth;
import dev.weft.definition.StoredDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.outbound.OutboundException;
import dev.weft.outbound.OutboundPolicy;
import dev.weft.definition.Concurrency;
import dev.weft.expression.EvaluationContext;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionException;
import dev.weft.store.Admission;
import dev.weft.store.Lineage;
import dev.weft.store.NewRun;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts runs: resolves the definition, validates the input, applies idempotency, and stores and
 * starts the run in one transaction (the answer still says {@code pending}: accepted, not yet
 * done). Runs left pending by anything else are started by the maintenance loop.
 */
@Service
public class RunService {

    private final RunStore store;
    private final DefinitionService definitions;
    private final RunCoordinator coordinator;
    private final TransactionTemplate tx;
    private final Limits limits;
    private final Clock clock;
    private final OutboundPolicy outbound;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final ExpressionEngine expressions;
    private final ConcurrencyGate gate;

    public RunService(RunStore store, DefinitionService definitions, RunCoordinator coordinator, TransactionTemplate tx,
                      Limits limits, Clock clock, OutboundPolicy outbound,
                      io.micrometer.core.instrument.MeterRegistry meters, ExpressionEngine expressions,
                      ConcurrencyGate gate) {
        this.expressions = expressions;
        this.gate = gate;
        this.outbound = outbound;
        this.meters = meters;
        this.store = store;
        this.definitions = definitions;
        this.coordinator = coordinator;
        this.tx = tx;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * What a valid request resolves to: the definition it runs (with the request's budget), and
     * the input, both checked.
     */
    public record Prepared(WorkflowDefinition definition, String slug, Integer version, String json, JsonNode input) {}

    /**
     * Checks a request as {@link #submit} does, without storing anything: the app, the definition,
     * the input against the workflow's schema, the webhook URL.
     */
    public Prepared prepare(String appId, RunRequest request) {
        if (request.appId() != null && !request.appId().equals(appId)) {
            throw new ForbiddenException("app-mismatch", "appId '" + request.appId() + "' is not the app of this API key",
                    "appId");
        }
        Resolved resolved = withBudget(resolve(appId, request), request.maxCostUsd());
        JsonNode input = request.input() == null || request.input().isNull() ? Json.object() : request.input();
        validateInput(resolved.definition(), input);
        validateWebhookUrl(request.webhookUrl());
        return new Prepared(resolved.definition(), resolved.slug(), resolved.version(), resolved.json(), input);
    }

    /** @return the run, and whether it was created now (false: an idempotent replay) */
    public Submitted submit(String appId, RunRequest request) {
        return submit(appId, request, Lineage.NONE);
    }

    /**
     * As {@link #submit(String, RunRequest)}, for a run started by a {@code workflow} step of another
     * run ({@code lineage} names it).
     */
    public Submitted submit(String appId, RunRequest request, Lineage lineage) {
        Intake intake = intake(appId, request, lineage);
        if (intake instanceof Intake.Replay replay) {
            return replay.submitted();
        }
        Intake.Fresh fresh = (Intake.Fresh) intake;
        try {
            tx.executeWithoutResult(status -> store(fresh));
        } catch (DuplicateKeyException e) {
            RunRecord winner = store.findByIdempotencyKey(appId, request.idempotencyKey()).orElseThrow(() -> e);
            return replay(winner, fresh.run().requestHash());
        }
        meters.counter("weft.runs.submitted").increment();
        return new Submitted(fresh.inserted().withSteps(List.of()), true); // the answer says pending: accepted, not done
    }

    /** One item of a batch: the run it started or replayed, or why it was refused. */
    public record BatchItem(Submitted submitted, RuntimeException refused) {}

    /**
     * Submits many runs: each is checked on its own (a refused one does not refuse the others), and
     * the accepted ones are stored and started in one transaction. Idempotency keys work as for one
     * run, also between items of the batch. Should another request take one of the keys between the
     * check and the commit, the batch's runs are submitted one by one instead.
     */
    public List<BatchItem> submitBatch(String appId, List<RunRequest> requests) {
        BatchItem[] results = new BatchItem[requests.size()];
        List<Integer> freshIndexes = new java.util.ArrayList<>();
        List<Intake.Fresh> fresh = new java.util.ArrayList<>();
        Map<String, Integer> byKey = new java.util.HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                Intake intake = intake(appId, requests.get(i), Lineage.NONE);
                if (intake instanceof Intake.Replay replay) {
                    results[i] = new BatchItem(replay.submitted(), null);
                    continue;
                }
                Intake.Fresh f = (Intake.Fresh) intake;
                String key = f.run().idempotencyKey();
                Integer earlier = key == null ? null : byKey.get(key);
                if (earlier != null) {
                    // the same key twice in one batch: the later item replays the earlier, or conflicts with it
                    Intake.Fresh first = fresh.get(earlier);
                    replay(first.inserted(), f.run().requestHash());
                    results[i] = new BatchItem(new Submitted(first.inserted().withSteps(List.of()), false), null);
                    continue;
                }
                if (key != null) {
                    byKey.put(key, fresh.size());
                }
                fresh.add(f);
                freshIndexes.add(i);
            } catch (RuntimeException e) {
                results[i] = new BatchItem(null, e);
            }
        }
        try {
            tx.executeWithoutResult(status -> fresh.forEach(this::store));
            for (int j = 0; j < fresh.size(); j++) {
                results[freshIndexes.get(j)] = new BatchItem(new Submitted(fresh.get(j).inserted().withSteps(List.of()), true), null);
            }
            meters.counter("weft.runs.submitted").increment(fresh.size());
        } catch (DuplicateKeyException raced) {
            for (int index : freshIndexes) {
                try {
                    results[index] = new BatchItem(submit(appId, requests.get(index)), null);
                } catch (RuntimeException e) {
                    results[index] = new BatchItem(null, e);
                }
            }
        }
        return List.of(results);
    }

    /** A request checked and turned into what storing it takes, or the earlier run its idempotency key names. */
    private sealed interface Intake {
        record Replay(Submitted submitted) implements Intake {}

        record Fresh(NewRun run, RunRecord inserted, Admission admission) implements Intake {}
    }

    private Intake intake(String appId, RunRequest request, Lineage lineage) {
        Prepared resolved = prepare(appId, request);
        if (request.priority() != null && (request.priority() < 0 || request.priority() > 9)) {
            throw InvalidFieldException.malformed("priority", "must be an integer from 0 to 9");
        }
        JsonNode input = resolved.input();
        String idempotencyKey = request.idempotencyKey();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw InvalidFieldException.malformed("idempotencyKey", "must be 1 to 200 characters");
        }
        // the hash only tells an idempotent replay from a reuse of its key for a different request
        String hash = idempotencyKey == null ? null : requestHash(request, input);
        if (idempotencyKey != null) {
            var existing = store.findByIdempotencyKey(appId, idempotencyKey);
            if (existing.isPresent()) {
                return new Intake.Replay(replay(existing.get(), hash));
            }
        }
        Instant now = clock.instant();
        WorkflowDefinition def = resolved.definition();
        String runId = Ids.uuid7(clock);
        Admission admission = new Admission(request.priority() == null ? Admission.DEFAULT_PRIORITY : request.priority(),
                concurrencyKey(def, input, runId, appId, resolved, now), def.concurrency() == null ? 0
                : def.concurrency().limit(), null);
        NewRun run = new NewRun(runId, appId, resolved.slug(), resolved.version(), resolved.json(), input,
                request.webhookUrl(), idempotencyKey, hash, now,
                def.timeout() == null ? null : now.plus(def.timeout()), request.scheduleId(), lineage, admission,
                def.steps().stream().map(s -> new NewRun.StepSeed(s.id(), s.type())).toList());
        return new Intake.Fresh(run, run.asInserted(), admission);
    }

    /** Stores a checked run and starts it, in the caller's transaction: one commit accepts and starts it. */
    private void store(Intake.Fresh fresh) {
        store.insert(fresh.run());
        if (!fresh.admission().keyed() || gate.admitsNew(fresh.inserted())) {
            coordinator.startInserted(fresh.inserted());
        }
    }

    /**
     * The value of the definition's concurrency key for this run, as text; null when it has none.
     * The key sees {@code input} and {@code run}.
     */
    private String concurrencyKey(WorkflowDefinition def, JsonNode input, String runId, String appId, Prepared resolved,
                                  Instant now) {
        if (def.concurrency() == null) {
            return null;
        }
        JsonNode meta = RunStates.meta(runId, appId, resolved.slug(), resolved.version(), now);
        JsonNode value;
        try {
            value = expressions.render(Json.text(def.concurrency().key()), new EvaluationContext(input, Json.object(), meta));
        } catch (ExpressionException e) {
            throw new InvalidFieldException("input", "the workflow's concurrency key '" + def.concurrency().key()
                    + "' could not be evaluated: " + e.getMessage());
        }
        if (value == null || value.isNull() || value.isObject() || value.isArray()) {
            throw new InvalidFieldException("input", "the workflow's concurrency key '" + def.concurrency().key()
                    + "' gave " + Json.kind(value) + "; it must give a string or a number (is a field missing from the input?)");
        }
        String key = value.isString() ? value.asString() : value.toString();
        if (key.isEmpty() || key.length() > Concurrency.MAX_KEY_LENGTH) {
            throw new InvalidFieldException("input", "the workflow's concurrency key must give 1 to "
                    + Concurrency.MAX_KEY_LENGTH + " characters, not " + key.length());
        }
        return key;
    }

    private static Submitted replay(RunRecord existing, String hash) {
        if (!hash.equals(existing.requestHash())) {
            throw new ConflictException("idempotency-key-reused", "idempotencyKey '" + existing.idempotencyKey()
                    + "' was already used for a different request (run " + existing.id() + ")");
        }
        return new Submitted(existing, false);
    }

    private Resolved resolve(String appId, RunRequest request) {
        boolean hasSlug = request.workflowSlug() != null;
        boolean hasPlan = request.plan() != null && !request.plan().isNull();
        if (hasSlug == hasPlan) {
            throw InvalidFieldException.malformed("workflowSlug", "give exactly one of workflowSlug and plan");
        }
        if (hasPlan) {
            if (request.version() != null) {
                throw InvalidFieldException.malformed("workflowVersion", "workflowVersion applies to workflowSlug, not to an inline plan");
            }
            WorkflowDefinition def = definitions.parsePlan(appId, request.plan());
            return new Resolved(def, def.slug(), null, request.plan().toString());
        }
        StoredDefinition stored = definitions.find(appId, request.workflowSlug(), request.version())
                .orElseThrow(() -> new NotFoundException("workflow", "no workflow '" + request.workflowSlug() + "'"
                        + (request.version() == null ? "" : " version " + request.version()) + " for this app"
                        + (request.version() == null ? definitions.nearestSlug(appId, request.workflowSlug())
                                .map(s -> "; did you mean '" + s + "'?").orElse("") : ""),
                        request.version() == null ? "workflowSlug" : "workflowVersion"));
        String json = stored.definition().toString();
        return new Resolved(definitions.parseStored(json), stored.slug(), stored.version(), json);
    }

    /**
     * The run's own copy of the definition carries the effective budget, which the AI steps read: the
     * smaller of the definition's and the request's, so a caller can tighten a workflow's budget but not
     * loosen it.
     */
    private static Resolved withBudget(Resolved resolved, Double requested) {
        if (requested == null) {
            return resolved;
        }
        ObjectNode definition = (ObjectNode) Json.parse(resolved.json());
        JsonNode current = definition.path("budget").path("maxCostUsd");
        double effective = current.isNumber() ? Math.min(current.asDouble(), requested) : requested;
        definition.putObject("budget").put("maxCostUsd", effective);
        return new Resolved(resolved.definition(), resolved.slug(), resolved.version(), definition.toString());
    }

    private void validateInput(WorkflowDefinition def, JsonNode input) {
        if (!input.isObject()) {
            throw InvalidFieldException.malformed("input", "must be a JSON object");
        }
        int depth = JsonDepth.of(input);
        if (depth > limits.maxDepth()) {
            throw InvalidFieldException.malformed("input", "nests " + depth + " levels deep; the limit is " + limits.maxDepth());
        }
        for (String path : JsonNumbers.outOfRange(input, 1)) {
            throw new InvalidFieldException("input." + path, "the number is out of range: numbers must fit a double"
                    + " (within ±1.8e308)");
        }
        if (def.inputSchema() == null) {
            return;
        }
        List<InputSchemas.Violation> violations = InputSchemas.validate(def.inputSchema(), input);
        if (!violations.isEmpty()) {
            List<Map<String, String>> errors = violations.stream()
                    .map(v -> Map.of("field", v.location().isEmpty() ? "input" : "input." + v.location(),
                            "message", v.message()))
                    .toList();
            throw new ValidationException("invalid-input", "Input does not match the workflow's inputSchema",
                    errors.getFirst().get("field") + ": " + errors.getFirst().get("message"), errors);
        }
    }

    private void validateWebhookUrl(String url) {
        if (url == null) {
            return;
        }
        FieldLimits.requireLength("webhookUrl", url, FieldLimits.URL);
        try {
            outbound.checkUrl(URI.create(url));
        } catch (IllegalArgumentException | OutboundException e) {
            throw InvalidFieldException.malformed("webhookUrl", "is not an acceptable http(s) URL: " + e.getMessage());
        }
    }

    private static String requestHash(RunRequest r, JsonNode input) {
        ObjectNode canonical = Json.object();
        canonical.put("workflowSlug", r.workflowSlug());
        canonical.set("plan", r.plan());
        canonical.put("version", r.version());
        canonical.set("input", input);
        canonical.put("webhookUrl", r.webhookUrl());
        if (r.maxCostUsd() != null) {
            canonical.put("maxCostUsd", r.maxCostUsd());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.MAPPER.writer().with(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                            .writeValueAsString(Json.MAPPER.convertValue(canonical, Map.class)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Submitted(RunRecord run, boolean created) {}

    private record Resolved(WorkflowDefinition definition, String slug, Integer version, String json) {}
}
