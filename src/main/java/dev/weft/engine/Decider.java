package dev.weft.engine;

import dev.weft.common.Json;
import dev.weft.definition.OnError;
import dev.weft.definition.SignalWait;
import dev.weft.definition.StepDefinition;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.engine.Decision.CancelRun;
import dev.weft.engine.Decision.CancelStep;
import dev.weft.engine.Decision.CompleteRun;
import dev.weft.engine.Decision.FailRun;
import dev.weft.engine.Decision.QueueStep;
import dev.weft.engine.Decision.RecordFailure;
import dev.weft.engine.Decision.RecordSuccess;
import dev.weft.engine.Decision.ReopenRun;
import dev.weft.engine.Decision.RequeueInterrupted;
import dev.weft.engine.Decision.ResetStep;
import dev.weft.engine.Decision.ScheduleRetry;
import dev.weft.engine.Decision.SkipStep;
import dev.weft.engine.Decision.StartRun;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what happens next in a run. A pure function of the run's state, one event and the
 * current time: it reads nothing else and changes nothing; the decisions it returns are applied
 * elsewhere, in one transaction. Stale events (a result for an attempt that is no longer running,
 * anything for a finished run) produce no decisions, which is what makes duplicate deliveries harmless.
 */
public final class Decider {

    /** Executions lost to crashes before the step is failed, so a step that kills its worker cannot loop forever. */
    public static final int MAX_INTERRUPTIONS = 5;

    /** Items a {@code forEach} step may have when the server does not say ({@code weft.limits.max-items}). */
    public static final int DEFAULT_MAX_ITEMS = 1000;

    private final ExpressionEngine expressions;
    private final int maxItems;

    public Decider(ExpressionEngine expressions) {
        this(expressions, DEFAULT_MAX_ITEMS);
    }

    public Decider(ExpressionEngine expressions, int maxItems) {
        this.expressions = expressions;
        this.maxItems = maxItems;
    }

    public List<Decision> decide(RunState run, RunEvent event, Instant now) {
        Work w = new Work(run);
        switch (event) {
            case RunEvent.Started s -> {
                if (run.status() != RunStatus.PENDING) {
                    return List.of();
                }
                w.add(new StartRun());
                w.status = RunStatus.RUNNING;
                settle(w, now);
            }
            case RunEvent.StepSucceeded s -> {
                if (!isCurrentAttempt(run, s.stepId(), s.attempt())) {
                    return List.of();
                }
                w.add(new RecordSuccess(s.stepId(), s.output()));
                StepState before = w.get(s.stepId());
                w.put(new StepState(s.stepId(), StepStatus.SUCCEEDED, s.attempt(), before.interruptions(),
                        s.output(), null, before.item()));
                afterChange(w, s.stepId(), now);
            }
            case RunEvent.StepFailed f -> {
                if (!isCurrentAttempt(run, f.stepId(), f.attempt())) {
                    return List.of();
                }
                onFailure(w, f, now);
            }
            case RunEvent.StepDeferred d -> {
                if (!isCurrentAttempt(run, d.stepId(), d.attempt())) {
                    return List.of();
                }
                StepState s = w.get(d.stepId());
                w.add(new Decision.DeferStep(d.stepId(), d.until()));
                w.put(new StepState(s.id(), StepStatus.QUEUED, s.attempt() - 1, s.interruptions(), null, null, s.item()));
            }
            case RunEvent.StepInterrupted i -> {
                if (!isCurrentAttempt(run, i.stepId(), i.attempt())) {
                    return List.of();
                }
                StepState s = w.get(i.stepId());
                if (s.interruptions() + 1 > MAX_INTERRUPTIONS) {
                    failStep(w, i.stepId(), StepError.permanent("STEP_INTERRUPTED", "step '" + i.stepId()
                            + "' was interrupted " + (s.interruptions() + 1) + " times (worker crash or lost lease)"));
                    afterChange(w, i.stepId(), now);
                } else {
                    w.add(new RequeueInterrupted(i.stepId()));
                    w.put(new StepState(s.id(), StepStatus.QUEUED, s.attempt() - 1, s.interruptions() + 1, null, s.error(),
                            s.item()));
                }
            }
            case RunEvent.SignalReceived r -> {
                if (run.status() != RunStatus.RUNNING) {
                    return List.of();
                }
                Optional<StepDefinition> waiting = run.definition().steps().stream()
                        .filter(d -> w.get(d.id()).status() == StepStatus.WAITING)
                        .filter(d -> SignalWait.of(d).map(sw -> sw.signal().equals(r.name())).orElse(false))
                        .findFirst();
                if (waiting.isEmpty()) {
                    return List.of(); // kept for a step that waits on it later
                }
                takeSignal(w, waiting.get().id(), r.signalId(), r.payload());
                settle(w, now);
            }
            case RunEvent.WaitTimedOut t -> {
                StepState s = run.steps().get(t.stepId());
                if (run.status() != RunStatus.RUNNING || s == null || s.status() != StepStatus.WAITING) {
                    return List.of();
                }
                Optional<SignalWait> waits = FanOut.isItem(t.stepId()) ? Optional.empty()
                        : SignalWait.of(run.definition().requireStep(t.stepId()));
                if (waits.isEmpty()) {
                    return List.of(); // a workflow step's wait has no time-out of its own
                }
                SignalWait wait = waits.get();
                failStep(w, t.stepId(), StepError.permanent("SIGNAL_TIMEOUT", "step '" + t.stepId()
                        + "' waited " + wait.timeout() + " for the signal '" + wait.signal() + "', which did not come"));
                settle(w, now);
            }
            case RunEvent.ChildRunStarted c -> {
                if (!isCurrentAttempt(run, c.stepId(), c.attempt())) {
                    return List.of();
                }
                StepState s = w.get(c.stepId());
                w.add(new Decision.AwaitChildRun(c.stepId(), c.childRunId()));
                w.put(new StepState(s.id(), StepStatus.WAITING, s.attempt(), s.interruptions(), null, null, s.item(),
                        c.childRunId()));
            }
            case RunEvent.ChildRunFinished f -> {
                StepState s = run.steps().get(f.stepId());
                if (run.status() != RunStatus.RUNNING || s == null || s.status() != StepStatus.WAITING
                        || !f.childRunId().equals(s.childRunId())) {
                    return List.of(); // not the child this step waits for (any more)
                }
                switch (f.status()) {
                    case COMPLETED -> succeed(w, f.stepId(), f.output() == null ? Json.nullNode() : f.output());
                    case FAILED -> failStep(w, f.stepId(), new StepError(
                            f.error() == null ? "CHILD_RUN_FAILED" : f.error().code(),
                            "run " + f.childRunId() + " failed: " + (f.error() == null ? "no error recorded" : f.error().message()),
                            false));
                    case CANCELLED -> failStep(w, f.stepId(), StepError.permanent("CHILD_RUN_CANCELLED",
                            "run " + f.childRunId() + " was cancelled"));
                    default -> {
                        return List.of();
                    }
                }
                afterChange(w, f.stepId(), now);
            }
            case RunEvent.CancelRequested c -> {
                if (run.status().isTerminal()) {
                    return List.of();
                }
                cancelOpenSteps(w);
                w.add(new CancelRun());
            }
            case RunEvent.DeadlineExceeded d -> {
                if (run.status().isTerminal()) {
                    return List.of();
                }
                cancelOpenSteps(w);
                w.add(new FailRun(StepError.permanent("RUN_TIMEOUT",
                        "the run exceeded its timeout of " + run.definition().timeout())));
            }
            case RunEvent.Aborted a -> {
                if (run.status().isTerminal()) {
                    return List.of();
                }
                cancelOpenSteps(w);
                w.add(new FailRun(a.error()));
            }
            case RunEvent.ResumeRequested r -> {
                boolean fromStep = r.from() != null && run.definition().step(r.from()).isPresent();
                if (run.status() != RunStatus.FAILED && !(fromStep && run.status() == RunStatus.COMPLETED)) {
                    return List.of();
                }
                Duration timeout = run.definition().timeout();
                w.add(new ReopenRun(timeout == null ? null : now.plus(timeout), r.details()));
                w.status = RunStatus.RUNNING;
                Set<String> rerun = fromStep ? downstreamOf(run.definition(), r.from()) : Set.of();
                for (StepDefinition def : run.definition().steps()) {
                    StepState s = w.get(def.id());
                    boolean again = rerun.contains(def.id()) && s.status() != StepStatus.PENDING;
                    if (again || s.status() == StepStatus.CANCELLED
                            || (s.status() == StepStatus.FAILED && !(def.onError() instanceof OnError.Continue))) {
                        w.add(new ResetStep(def.id()));
                        w.put(new StepState(def.id(), StepStatus.PENDING, s.attempt(), 0, null, null, null, null, s.attempt()));
                        List<StepState> items = FanOut.items(w.steps, def.id());
                        if (again && !items.isEmpty()) {
                            // run again from scratch: the list is evaluated anew when the step starts
                            w.add(new Decision.DropItems(def.id(), items.stream().map(StepState::id).toList()));
                            items.forEach(item -> w.steps.remove(item.id()));
                            continue;
                        }
                        // only the items that did not succeed run again
                        for (StepState item : items) {
                            if (item.status() == StepStatus.FAILED || item.status() == StepStatus.CANCELLED) {
                                w.add(new ResetStep(item.id()));
                                w.put(new StepState(item.id(), StepStatus.PENDING, item.attempt(), 0, null, null,
                                        item.item(), null, item.attempt()));
                            }
                        }
                    }
                }
                settle(w, now);
            }
        }
        return w.decisions;
    }

    /**
     * {@code from} and every step after it: those depending on it directly or through others, and
     * the fallbacks of those (which stand in for them).
     */
    public static Set<String> downstreamOf(WorkflowDefinition definition, String from) {
        Set<String> found = new java.util.LinkedHashSet<>();
        found.add(from);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (StepDefinition def : definition.steps()) {
                boolean follows = def.dependsOn().stream().anyMatch(found::contains);
                boolean fallbackOfFound = definition.ownerOfFallback(def.id()).map(o -> found.contains(o.id())).orElse(false);
                if ((follows || fallbackOfFound) && found.add(def.id())) {
                    grew = true;
                }
            }
        }
        return found;
    }

    private void onFailure(Work w, RunEvent.StepFailed f, Instant now) {
        StepDefinition def = w.run.definition().requireStep(FanOut.stepOf(f.stepId()));
        StepState s = w.get(f.stepId());
        if (f.error().retryable() && def.retry().allowsAnotherAttempt(s.attemptsSinceReset())) {
            Duration delay = def.retry().delayAfter(s.attemptsSinceReset(), unitRandom(w.run.runId(), f.stepId(), s.attempt()));
            if (f.retryAfterMillis() != null && f.retryAfterMillis() > delay.toMillis()) {
                delay = Duration.ofMillis(f.retryAfterMillis());
            }
            w.add(new ScheduleRetry(f.stepId(), f.error(), now.plus(delay)));
            w.put(new StepState(s.id(), StepStatus.QUEUED, s.attempt(), s.interruptions(), null, f.error(), s.item()));
            return;
        }
        StepError error = f.error();
        if (error.retryable() && def.retry().maxAttempts() > 1) {
            error = new StepError(error.code(), error.message() + " (gave up after " + s.attemptsSinceReset() + " attempts)", false);
        }
        failStep(w, f.stepId(), error);
        afterChange(w, f.stepId(), now);
    }

    private static void failStep(Work w, String stepId, StepError error) {
        StepState s = w.get(stepId);
        w.add(new RecordFailure(stepId, error));
        w.put(new StepState(stepId, StepStatus.FAILED, s.attempt(), s.interruptions(), null, error, s.item(),
                s.childRunId()));
    }

    /** After a step or item finished an attempt: an item moves its step on, then the run moves on. */
    private void afterChange(Work w, String stepId, Instant now) {
        if (FanOut.isItem(stepId)) {
            progress(w, w.run.definition().requireStep(FanOut.stepOf(stepId)), now);
        }
        settle(w, now);
    }

    /**
     * Moves a running {@code forEach} step on: fails it when an item failed and {@code onItemError}
     * is {@code fail} (cancelling the items still open), completes it with the items' outputs in
     * list order when every item has finished, or else queues pending items while fewer than
     * {@code maxConcurrency} are queued or running.
     */
    private static void progress(Work w, StepDefinition def, Instant now) {
        if (w.get(def.id()).status() != StepStatus.RUNNING) {
            return;
        }
        List<StepState> items = FanOut.items(w.steps, def.id());
        if (def.onItemError() == StepDefinition.OnItemError.FAIL) {
            Optional<StepState> failed = items.stream().filter(i -> i.status() == StepStatus.FAILED).findFirst();
            if (failed.isPresent()) {
                for (StepState item : items) {
                    if (!item.status().isTerminal()) {
                        w.add(new CancelStep(item.id()));
                        w.put(item.with(StepStatus.CANCELLED));
                    }
                }
                StepError cause = failed.get().error();
                failStep(w, def.id(), new StepError(cause.code(), "item " + FanOut.indexOf(failed.get().id()) + " of "
                        + items.size() + " failed: " + cause.message(), false));
                return;
            }
        }
        if (items.stream().allMatch(i -> i.status().isTerminal())) {
            tools.jackson.databind.node.ArrayNode outputs = Json.array();
            for (StepState item : items) {
                outputs.add(item.status() == StepStatus.SUCCEEDED && item.output() != null
                        ? item.output() : Json.nullNode());
            }
            succeed(w, def.id(), outputs);
            return;
        }
        long active = items.stream()
                .filter(i -> i.status() == StepStatus.QUEUED || i.status() == StepStatus.RUNNING
                        || i.status() == StepStatus.WAITING)
                .count();
        for (StepState item : items) {
            if (active >= def.maxConcurrency()) {
                break;
            }
            if (item.status() == StepStatus.PENDING) {
                w.add(new QueueStep(item.id(), now));
                w.put(item.with(StepStatus.QUEUED));
                active++;
            }
        }
    }

    private static void succeed(Work w, String stepId, JsonNode output) {
        StepState s = w.get(stepId);
        w.add(new RecordSuccess(stepId, output));
        w.put(new StepState(stepId, StepStatus.SUCCEEDED, s.attempt(), s.interruptions(), output, null, s.item(),
                s.childRunId()));
    }

    /**
     * A {@code forEach} step whose dependencies and condition let it run: evaluates the list and
     * expands it into items (or, on resume, goes on with the items it has), or fails with
     * {@code FOREACH_NOT_A_LIST}, {@code FOREACH_TOO_MANY_ITEMS} or {@code FOREACH_FAILED}.
     */
    private void expand(Work w, StepDefinition def, Instant now) {
        if (!FanOut.items(w.steps, def.id()).isEmpty()) {
            w.add(new Decision.ExpandItems(def.id(), List.of()));
            w.put(w.get(def.id()).with(StepStatus.RUNNING));
            progress(w, def, now);
            return;
        }
        JsonNode list;
        try {
            list = expressions.render(Json.text(def.forEach()), ExpressionScope.of(w.run, w.steps));
        } catch (ExpressionException e) {
            failStep(w, def.id(), StepError.permanent(e.limitExceeded() ? e.code() : "FOREACH_FAILED",
                    "step '" + def.id() + "': forEach '" + def.forEach() + "' could not be evaluated: " + e.getMessage()));
            return;
        }
        if (!list.isArray()) {
            failStep(w, def.id(), StepError.permanent("FOREACH_NOT_A_LIST", "step '" + def.id() + "': forEach '"
                    + def.forEach() + "' gave " + Json.kind(list) + ", not a list"));
            return;
        }
        if (list.size() > maxItems) {
            failStep(w, def.id(), StepError.permanent("FOREACH_TOO_MANY_ITEMS", "step '" + def.id() + "': forEach gave "
                    + list.size() + " items; a step may fan out to at most " + maxItems
                    + " (weft.limits.max-items)"));
            return;
        }
        List<JsonNode> items = new ArrayList<>(list.size());
        list.forEach(items::add);
        w.add(new Decision.ExpandItems(def.id(), items));
        w.put(w.get(def.id()).with(StepStatus.RUNNING));
        for (int i = 0; i < items.size(); i++) {
            String id = FanOut.itemId(def.id(), i);
            w.put(new StepState(id, StepStatus.PENDING, 0, 0, null, null, items.get(i)));
        }
        progress(w, def, now);
    }

    /** Moves every step that can move, then finishes the run if nothing is left to do. */
    private void settle(Work w, Instant now) {
        WorkflowDefinition definition = w.run.definition();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepDefinition def : definition.steps()) {
                if (w.get(def.id()).status() == StepStatus.PENDING && advance(w, def, now)) {
                    changed = true;
                }
            }
        }
        Optional<String> failed = definition.steps().stream()
                .filter(d -> definition.ownerOfFallback(d.id()).isEmpty())
                .filter(d -> w.get(d.id()).status() == StepStatus.FAILED)
                .filter(d -> Resolution.of(d.id(), definition, w.steps).kind() == Resolution.Kind.FAIL)
                .map(StepDefinition::id)
                .findFirst();
        if (failed.isPresent()) {
            StepError cause = failureOf(w, failed.get());
            cancelOpenSteps(w);
            String prefix = "step '" + failed.get() + "': ";
            String message = cause.message().startsWith(prefix) ? cause.message().substring(prefix.length()) : cause.message();
            w.add(new FailRun(new StepError(cause.code(), "step '" + failed.get() + "' failed: " + message, false)));
            return;
        }
        boolean allDone = w.steps.values().stream().allMatch(s -> s.status().isTerminal());
        if (allDone) {
            complete(w);
        }
    }

    /** The error to report for a failed step: its own, or its fallback's when the fallback failed too. */
    private static StepError failureOf(Work w, String stepId) {
        StepDefinition def = w.run.definition().requireStep(stepId);
        if (def.onError() instanceof OnError.Fallback(String fb) && w.get(fb).status() == StepStatus.FAILED) {
            StepError own = w.get(stepId).error();
            StepError fallback = failureOf(w, fb);
            return new StepError(own.code(), own.message() + "; fallback '" + fb + "' failed too: " + fallback.message(), false);
        }
        return w.get(stepId).error();
    }

    /** Decides one pending step; true when its status changed. */
    private boolean advance(Work w, StepDefinition def, Instant now) {
        WorkflowDefinition definition = w.run.definition();
        Optional<StepDefinition> owner = definition.ownerOfFallback(def.id());
        if (owner.isPresent()) {
            StepStatus ownerStatus = w.get(owner.get().id()).status();
            if (ownerStatus == StepStatus.SUCCEEDED || ownerStatus == StepStatus.SKIPPED || ownerStatus == StepStatus.CANCELLED) {
                return skip(w, def.id(), "not needed: '" + owner.get().id() + "' did not fail");
            }
            if (ownerStatus != StepStatus.FAILED) {
                return false;
            }
        }
        for (String dep : def.dependsOn()) {
            Resolution r = Resolution.of(dep, definition, w.steps);
            switch (r.kind()) {
                case WAIT, FAIL -> {
                    return false;
                }
                case SKIP -> {
                    boolean joins = def.ifSkipped() == StepDefinition.IfSkipped.RUN
                            && w.get(dep).status() == StepStatus.SKIPPED;
                    if (!joins) {
                        return skip(w, def.id(), "dependency '" + dep + "' was " + w.get(dep).status().wire());
                    }
                }
                case OK -> { }
            }
        }
        if (def.when() != null) {
            try {
                if (!expressions.test(def.when(), ExpressionScope.of(w.run, w.steps))) {
                    return skip(w, def.id(), "condition was false: " + def.when());
                }
            } catch (ExpressionException e) {
                failStep(w, def.id(), StepError.permanent(e.limitExceeded() ? e.code() : "CONDITION_FAILED",
                        "step '" + def.id() + "': when '" + def.when() + "' could not be evaluated: " + e.getMessage()));
                return true;
            }
        }
        Optional<SignalWait> wait = SignalWait.of(def);
        if (wait.isPresent()) {
            awaitSignal(w, def.id(), wait.get(), now);
            return true;
        }
        if (def.fansOut()) {
            expand(w, def, now);
            return true;
        }
        w.add(new QueueStep(def.id(), now));
        w.put(w.get(def.id()).with(StepStatus.QUEUED));
        return true;
    }

    /**
     * A {@code wait_for_signal} step becomes ready: it waits, holding nothing but its row, unless a
     * signal of its name arrived earlier, which it takes at once.
     */
    private static void awaitSignal(Work w, String stepId, SignalWait wait, Instant now) {
        w.add(new Decision.AwaitSignal(stepId, wait.signal(), now.plus(wait.timeout())));
        w.put(w.get(stepId).with(StepStatus.WAITING));
        for (RunState.Signal signal : w.run.signals()) {
            if (signal.name().equals(wait.signal()) && w.consumed.add(signal.id())) {
                takeSignal(w, stepId, signal.id(), signal.payload());
                return;
            }
        }
    }

    private static void takeSignal(Work w, String stepId, long signalId, JsonNode payload) {
        StepState s = w.get(stepId);
        JsonNode output = payload == null ? Json.object() : payload;
        w.consumed.add(signalId);
        w.add(new Decision.ConsumeSignal(signalId, stepId));
        w.add(new RecordSuccess(stepId, output));
        w.put(new StepState(stepId, StepStatus.SUCCEEDED, s.attempt(), s.interruptions(), output, null, s.item()));
    }

    private void complete(Work w) {
        WorkflowDefinition definition = w.run.definition();
        JsonNode output;
        if (definition.output() != null) {
            try {
                output = expressions.render(definition.output(), ExpressionScope.of(w.run, w.steps));
            } catch (ExpressionException e) {
                w.add(new FailRun(StepError.permanent(e.limitExceeded() ? e.code() : "OUTPUT_MAPPING_FAILED",
                        "the output template could not be evaluated at '" + e.path() + "': " + e.getMessage())));
                return;
            }
        } else {
            output = leafOutputs(w);
        }
        w.add(new CompleteRun(output));
    }

    /** Without an output template, the run's output is the outputs of the steps nothing depends on. */
    private static JsonNode leafOutputs(Work w) {
        WorkflowDefinition definition = w.run.definition();
        ObjectNode out = Json.object();
        for (StepDefinition def : definition.steps()) {
            boolean isLeaf = definition.steps().stream().noneMatch(o -> o.dependsOn().contains(def.id()));
            boolean isFallback = definition.ownerOfFallback(def.id()).isPresent();
            Resolution r = Resolution.of(def.id(), definition, w.steps);
            if (isLeaf && !isFallback && r.kind() == Resolution.Kind.OK && r.output() != null) {
                out.set(def.id(), r.output());
            }
        }
        return out;
    }

    private static boolean skip(Work w, String stepId, String reason) {
        w.add(new SkipStep(stepId, reason));
        w.put(w.get(stepId).with(StepStatus.SKIPPED));
        return true;
    }

    private static void cancelOpenSteps(Work w) {
        for (StepState s : List.copyOf(w.steps.values())) {
            if (!s.status().isTerminal()) {
                w.add(new CancelStep(s.id()));
                w.put(s.with(StepStatus.CANCELLED));
            }
        }
    }

    private static boolean isCurrentAttempt(RunState run, String stepId, int attempt) {
        StepState s = run.steps().get(stepId);
        return run.status() == RunStatus.RUNNING && s != null && s.status() == StepStatus.RUNNING && s.attempt() == attempt;
    }

    /** Deterministic jitter: the same run, step and attempt always get the same point in the band. */
    static double unitRandom(String runId, String stepId, int attempt) {
        long h = 1125899906842597L;
        for (char c : (runId + '/' + stepId + '/' + attempt).toCharArray()) {
            h = 31 * h + c;
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The decider's scratch copy of the run while it works through one event. */
    private static final class Work {
        final RunState run;
        final Map<String, StepState> steps;
        final List<Decision> decisions = new ArrayList<>();
        /** Signals taken by a step in this decision, so two steps never take the same one. */
        final java.util.Set<Long> consumed = new java.util.HashSet<>();
        RunStatus status;

        Work(RunState run) {
            this.run = run;
            this.steps = new LinkedHashMap<>(run.steps());
            this.status = run.status();
        }

        StepState get(String id) {
            return steps.get(id);
        }

        void put(StepState s) {
            steps.put(s.id(), s);
        }

        void add(Decision d) {
            decisions.add(d);
        }
    }
}
