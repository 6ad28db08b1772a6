package dev.weft.dispatch;

import dev.weft.artifacts.LargeOutputs;
import dev.weft.common.Failures;
import dev.weft.definition.InputSchemas;
import dev.weft.cache.StepResultCache;
import dev.weft.definition.StepDefinition;
import dev.weft.engine.ExpressionScope;
import dev.weft.engine.FanOut;
import dev.weft.engine.StepState;
import dev.weft.expression.EvaluationContext;
import dev.weft.engine.RunState;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionException;
import dev.weft.runs.RunStates;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepRegistry;
import dev.weft.steps.StepResult;
import dev.weft.store.ClaimedStep;
import dev.weft.store.RunRecord;
import dev.weft.store.RunStore;
import dev.weft.store.StepRef;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs one claimed attempt of a step: evaluates its input template against the run, validates it
 * against the step type's schema, calls the handler under the step's time limit, and classifies
 * whatever happens as a {@link StepResult}. Never throws.
 */
@Component
public class StepExecutor {

    private static final Logger log = LoggerFactory.getLogger(StepExecutor.class);

    private final RunStore store;
    private final RunStates states;
    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final EngineProperties properties;
    private final LargeOutputs largeOutputs;
    private final dev.weft.steps.StepDeltas deltas;
    private final StepResultCache cache;
    private final java.time.Clock clock;
    /** Handlers executing now, by the lease of their attempt, so that a cancellation can interrupt them. */
    private final Map<String, Future<StepResult>> running = new ConcurrentHashMap<>();
    /** Leases cancelled before their handler started; it then does not start. */
    private final Set<String> cancelledEarly = ConcurrentHashMap.newKeySet();

    public StepExecutor(RunStore store, RunStates states, StepRegistry registry, ExpressionEngine expressions,
                        EngineProperties properties, LargeOutputs largeOutputs, dev.weft.steps.StepDeltas deltas,
                        StepResultCache cache, java.time.Clock clock) {
        this.deltas = deltas;
        this.cache = cache;
        this.clock = clock;
        this.store = store;
        this.states = states;
        this.registry = registry;
        this.expressions = expressions;
        this.properties = properties;
        this.largeOutputs = largeOutputs;
    }

    /**
     * The outcome of one attempt and the input it was given (as recorded: large inputs become
     * artifact references), which the coordinator stores in the same transaction as the result.
     */
    public record Execution(StepResult result, JsonNode input) {}

    public Execution execute(ClaimedStep claim, ExecutorService handlers) {
        JsonNode[] recorded = new JsonNode[1];
        StepResult result;
        try {
            result = run(claim, handlers, recorded);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Reported as the attempt's result: left to escape, the step would stay running until its
            // lease expired and then run again, failing the same way.
            if (dev.weft.common.TransientFailures.isTransient(e)) {
                result = databaseUnavailable(claim.stepId(), e);
            } else {
                log.error("step '{}' of run {} failed outside its handler", claim.stepId(), claim.runId(), e);
                result = StepResult.permanent("STEP_CRASHED", "step '" + claim.stepId() + "' failed unexpectedly: "
                        + Failures.describe(e));
            }
        }
        return new Execution(result, recorded[0]);
    }

    private StepResult run(ClaimedStep claim, ExecutorService handlers, JsonNode[] recorded) {
        String stepId = claim.stepId();
        RunRecord run = claim.run() != null ? claim.run() : store.find(claim.appId(), claim.runId(), true).orElse(null);
        if (run == null) {
            return StepResult.permanent("RUN_NOT_FOUND", "run " + claim.runId() + " disappeared");
        }
        RunState state = states.of(run);
        // an item of a forEach step runs its step's definition, with item and index in its expressions
        StepDefinition def = state.definition().requireStep(FanOut.stepOf(stepId));
        StepState self = state.steps().get(stepId);
        StepHandler handler = registry.find(def.type()).orElse(null);
        if (handler == null) {
            return StepResult.permanent("UNKNOWN_STEP_TYPE", "step '" + stepId + "': this server has no step type '" + def.type() + "'");
        }
        JsonNode input;
        EvaluationContext scope;
        try {
            scope = ExpressionScope.of(state, state.steps(), outputsFor(claim, def));
            if (FanOut.isItem(stepId)) {
                scope = scope.forItem(self == null ? null : self.item(), FanOut.indexOf(stepId));
            }
            JsonNode override = run.steps().stream().filter(r -> r.stepId().equals(stepId)).findFirst()
                    .map(dev.weft.store.StepRecord::inputOverride).orElse(null);
            // an input given when the run was resumed stands in for the template
            input = override != null ? override
                    : def.input() == null ? dev.weft.common.Json.object() : expressions.render(def.input(), scope);
        } catch (ExpressionException e) {
            return StepResult.permanent(e.limitExceeded() ? e.code() : "INPUT_MAPPING_FAILED",
                    "step '" + stepId + "': input." + e.path() + " could not be evaluated: " + e.getMessage());
        } catch (LargeOutputs.UnresolvableReferenceException e) {
            return StepResult.permanent("INPUT_ARTIFACT_MISSING",
                    "step '" + stepId + "': an earlier step's output stored as an artifact cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return StepResult.retryable("ARTIFACT_STORE_UNAVAILABLE",
                    "step '" + stepId + "': an earlier step's output could not be read: " + e.getMessage());
        }
        JsonNode recordedInput;
        try {
            // null step id: the recorded input must not pass for an artifact the step itself stored
            recordedInput = largeOutputs.externalize(claim.appId(), claim.runId(), null, input);
        } catch (IllegalArgumentException e) {
            return StepResult.permanent("INPUT_TOO_LARGE", "step '" + stepId + "': " + e.getMessage());
        } catch (UncheckedIOException e) {
            return StepResult.retryable("ARTIFACT_STORE_UNAVAILABLE",
                    "step '" + stepId + "': its large input could not be stored: " + e.getMessage());
        }
        recorded[0] = recordedInput;
        List<InputSchemas.Violation> violations = InputSchemas.validate(handler.inputSchema(), input);
        if (!violations.isEmpty()) {
            InputSchemas.Violation v = violations.getFirst();
            String producer = producer(def.input(), v.location());
            return StepResult.permanent("INVALID_STEP_INPUT", "input"
                    + (v.location().isEmpty() ? "" : "." + v.location()) + ": " + v.message()
                    + (producer == null ? "" : " (the value came from " + producer + ")"));
        }
        String cacheKey = null;
        if (def.cache() != null) {
            JsonNode keyedOn = input;
            if (def.cache().key() != null) {
                try {
                    keyedOn = expressions.render(dev.weft.common.Json.text(def.cache().key()), scope);
                } catch (ExpressionException e) {
                    return StepResult.permanent(e.limitExceeded() ? e.code() : "INPUT_MAPPING_FAILED",
                            "step '" + stepId + "': cache.key could not be evaluated: " + e.getMessage());
                }
            }
            JsonNode identity;
            try {
                identity = handler.cacheIdentity(new StepContext(claim.appId(), claim.runId(), stepId, claim.attempt(), input,
                        claim.firstStartedAt()));
            } catch (RuntimeException e) {
                identity = null; // it cannot be known (an unknown provider): the handler will say why
            }
            var keyed = dev.weft.common.Json.object();
            keyed.set("on", keyedOn);
            if (identity != null) {
                keyed.set("calls", identity);
            }
            cacheKey = StepResultCache.key(claim.appId(), def.type(), keyed);
            Optional<StepResultCache.Entry> cached = cached(claim, stepId, cacheKey);
            if (cached.isPresent()) {
                return StepResult.ok(cached.get().output()); // no call, no cost: what an earlier run produced
            }
        }
        StepResult result;
        try (var sink = deltas.sink(claim.runId(), stepId, claim.attempt())) {
            StepContext context = new StepContext(claim.appId(), claim.runId(), stepId, claim.attempt(), input,
                    claim.firstStartedAt(), sink);
            Duration timeout = def.timeout() != null ? def.timeout() : properties.defaultStepTimeout();
            result = externalized(context, callWithTimeout(handler, context, timeout, handlers, claim.leaseToken()));
        }
        if (cacheKey != null && result instanceof StepResult.Succeeded(JsonNode output)) {
            store(claim, stepId, cacheKey, output, def.cache().ttl());
        }
        return result;
    }

    /** A live stored result for the key, its reuse recorded; empty when none (or the cache cannot be read). */
    private Optional<StepResultCache.Entry> cached(ClaimedStep claim, String stepId, String key) {
        try {
            Optional<StepResultCache.Entry> entry = cache.find(claim.appId(), key, clock.instant());
            entry.ifPresent(e -> cache.recordHit(claim.appId(), claim.runId(), stepId, e, clock.instant()));
            return entry;
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("step result cache unavailable; step {} of run {} runs", stepId, claim.runId(), e);
            return Optional.empty();
        }
    }

    private void store(ClaimedStep claim, String stepId, String key, JsonNode output, Duration ttl) {
        try {
            double cost = output.path("usage").path("costUsd").asDouble(0);
            cache.put(claim.appId(), key, new StepResultCache.Entry(output, claim.runId(), stepId, cost), clock.instant(), ttl);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("could not store step {} of run {} in the result cache", stepId, claim.runId(), e);
        }
    }

    /**
     * The template string that produced the value at {@code location} of a rendered input (the
     * expression itself, or the nearest expression above it), or null when it was literal.
     */
    static String producer(JsonNode template, String location) {
        JsonNode node = template;
        if (node == null) {
            return null;
        }
        for (String part : location.replaceAll("\\[(\\d+)]", ".$1").split("\\.")) {
            if (node.isString()) {
                break;
            }
            if (part.isEmpty()) {
                continue;
            }
            JsonNode next = node.isArray() && part.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(part)) : node.get(part);
            if (next == null) {
                break;
            }
            node = next;
        }
        return node.isString() && node.asString().contains("{{") ? "'" + node.asString() + "'" : null;
    }

    /**
     * Expressions in a step's input see earlier outputs stored as artifacts as the JSON they hold;
     * only the steps the input reads are resolved, each artifact read once.
     */
    private ExpressionScope.OutputView outputsFor(ClaimedStep claim, StepDefinition def) {
        if (def.input() == null) {
            return ExpressionScope.OutputView.STORED;
        }
        Set<String> read = expressions.referencedSteps(def.input());
        boolean all = expressions.readsStepsDynamically(def.input());
        LargeOutputs.Resolver resolver = largeOutputs.resolver(claim.appId());
        return (id, output) -> all || read.contains(id) ? resolver.resolve(output) : output;
    }

    /** A successful output too large to keep in the run becomes a reference to an artifact holding it. */
    private StepResult externalized(StepContext context, StepResult result) {
        if (!(result instanceof StepResult.Succeeded(JsonNode output))) {
            return result;
        }
        try {
            JsonNode stored = largeOutputs.externalize(context.appId(), context.runId(), context.stepId(), output);
            return stored == output ? result : StepResult.ok(stored);
        } catch (IllegalArgumentException e) {
            return StepResult.permanent("OUTPUT_TOO_LARGE", "step '" + context.stepId() + "': " + e.getMessage());
        } catch (UncheckedIOException e) {
            return StepResult.retryable("ARTIFACT_STORE_UNAVAILABLE",
                    "step '" + context.stepId() + "': its output could not be stored: " + e.getMessage());
        }
    }

    /**
     * Stops the attempt holding {@code leaseToken} if it executes here: its handler's thread is
     * interrupted, which also closes a socket it is blocked on (the handlers run on virtual threads),
     * and the attempt ends as {@code STEP_CANCELLED}. An attempt not yet in its handler will not
     * enter it.
     */
    public void cancel(String leaseToken) {
        Future<StepResult> future = running.get(leaseToken);
        if (future != null) {
            future.cancel(true);
        } else {
            cancelledEarly.add(leaseToken);
        }
    }

    /** Forgets a cancellation that arrived for an attempt which had already finished here. */
    public void forget(String leaseToken) {
        cancelledEarly.remove(leaseToken);
    }

    private StepResult callWithTimeout(StepHandler handler, StepContext context, Duration timeout,
                                       ExecutorService handlers, String leaseToken) {
        if (cancelledEarly.remove(leaseToken)) {
            return cancelled(context);
        }
        Future<StepResult> future = handlers.submit(() -> handler.execute(context));
        running.put(leaseToken, future);
        if (cancelledEarly.remove(leaseToken)) {
            future.cancel(true);
        }
        try {
            StepResult result = future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return result != null ? result : StepResult.permanent("NO_RESULT", "step '" + context.stepId() + "' returned nothing");
        } catch (TimeoutException e) {
            future.cancel(true);
            return StepResult.retryable("STEP_TIMEOUT", "step '" + context.stepId() + "' did not finish within " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return StepResult.retryable("WORKER_INTERRUPTED", "step '" + context.stepId() + "' was interrupted (shutdown)");
        } catch (CancellationException e) {
            return cancelled(context);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (dev.weft.common.TransientFailures.isTransient(cause)) {
                return databaseUnavailable(context.stepId(), cause);
            }
            log.error("step '{}' of type {} threw", context.stepId(), handler.type(), cause);
            return StepResult.permanent("STEP_CRASHED", "step '" + context.stepId() + "' failed unexpectedly: "
                    + Failures.describe(cause));
        } finally {
            running.remove(leaseToken);
        }
    }

    private static StepResult cancelled(StepContext context) {
        return StepResult.permanent("STEP_CANCELLED", "step '" + context.stepId() + "' was stopped: its run was"
                + " cancelled or failed, or its lease passed to another attempt");
    }

    /**
     * The database's passing trouble while the step ran (reading the app's secrets or settings,
     * storing an artifact): not the step's fault. When the database could not be reached at all, the
     * step is put back to run again in a moment without counting an attempt (nothing can be decided
     * without the database, and a restart or failover must not use up a step's retries); a statement
     * that failed on a reachable database (a time-out, a serialization failure) is a retryable
     * failure, retried by the step's policy.
     */
    private StepResult databaseUnavailable(String stepId, Throwable cause) {
        log.warn("step '{}' met the database's passing trouble; it runs again: {}", stepId, cause.toString());
        if (dev.weft.common.TransientFailures.isConnectionLoss(cause)) {
            return new StepResult.Deferred(clock.instant().plusSeconds(1));
        }
        return new StepResult.RetryableFailure("DATABASE_UNAVAILABLE", "step '" + stepId
                + "' met a database failure (" + Failures.describe(cause) + "); it is retried", 2_000L);
    }
}
