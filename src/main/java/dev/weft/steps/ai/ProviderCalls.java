package dev.weft.steps.ai;

import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.ProviderException;
import dev.weft.providers.defaults.AppProviderDefaults;
import dev.weft.providers.config.ProviderDirectory;
import dev.weft.providers.usage.Budgets;
import dev.weft.providers.usage.Pricing;
import dev.weft.providers.usage.UsageLedger;
import dev.weft.steps.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an AI step calls a provider: checks the budget, walks the step's fallback chain, and records
 * usage and estimated cost.
 *
 * <p>The fallback rule: the step's own {@code provider}/{@code model} is tried first, then each entry of
 * {@code fallbacks} in order, within the same attempt. The chain moves on when a provider fails for a
 * reason of its own (rate limited, overloaded or 5xx, time-out, authentication, not configured, unreadable
 * answer); it stops at once on a failure of the request (invalid request, content refused), which the next
 * provider would most likely refuse too. When every candidate failed, the step fails retryably if any of
 * them failed retryably (the engine then retries the whole chain, after the shortest Retry-After any of them
 * sent), else permanently; the message lists every candidate's failure.
 */
@org.springframework.stereotype.Component
public class ProviderCalls {

    /** One provider/model pair of a chain; null fields take the defaults. */
    public record Candidate(String provider, String model) {}

    /** The answer and the candidate that gave it. */
    public record Answer<R>(R value, Candidate candidate, List<String> failedBefore) {}

    private final ProviderDirectory directory;
    private final Pricing pricing;
    private final UsageLedger ledger;
    private final Budgets budgets;
    private final AppProviderDefaults appDefaults;

    public ProviderCalls(ProviderDirectory directory, Pricing pricing, UsageLedger ledger, Budgets budgets,
                         AppProviderDefaults appDefaults) {
        this.directory = directory;
        this.appDefaults = appDefaults;
        this.pricing = pricing;
        this.ledger = ledger;
        this.budgets = budgets;
    }

    public ProviderDirectory directory() {
        return directory;
    }

    public static List<Candidate> candidates(JsonNode input) {
        List<Candidate> chain = new ArrayList<>();
        chain.add(new Candidate(text(input, "provider"), text(input, "model")));
        input.path("fallbacks").forEach(f -> chain.add(new Candidate(text(f, "provider"), text(f, "model"))));
        return chain;
    }

    /**
     * The step's chain with the app's default applied: a step that names no provider takes the app's
     * default provider for the capability (and its model unless the step gives one); a step that names the
     * app's default provider but no model takes the app's model. Otherwise the first candidate is left as is
     * and a provider still unnamed resolves to the server's default, then the local one.
     */
    /** The providers and models a step would call, in order, as JSON (for the step result cache's key). */
    public JsonNode identity(StepContext context, Capability capability, JsonNode input) {
        var identity = dev.weft.common.Json.array();
        for (Candidate c : chain(context, capability, input)) {
            var entry = identity.addObject();
            entry.put("capability", capability.name());
            entry.put("provider", c.provider());
            entry.put("model", c.model());
        }
        return identity;
    }

    public List<Candidate> chain(StepContext context, Capability capability, JsonNode input) {
        List<Candidate> chain = candidates(input);
        Candidate first = chain.getFirst();
        var chosen = appDefaults.find(context.appId(), capability);
        if (chosen.isEmpty()) {
            return chain;
        }
        AppProviderDefaults.Choice app = chosen.get();
        Candidate resolved;
        if (first.provider() == null) {
            resolved = new Candidate(app.provider(), first.model() != null ? first.model() : app.model());
        } else if (first.provider().equals(app.provider()) && first.model() == null) {
            resolved = new Candidate(first.provider(), app.model());
        } else {
            return chain;
        }
        List<Candidate> applied = new ArrayList<>(chain);
        applied.set(0, resolved);
        return List.copyOf(applied);
    }

    public <R> Answer<R> call(StepContext context, List<Candidate> chain, Function<Candidate, R> attempt) {
        budgets.check(context.appId(), context.runId());
        List<String> failures = new ArrayList<>();
        ProviderException last = null;
        boolean anyRetryable = false;
        Long shortestWait = null;
        for (Candidate candidate : chain) {
            try {
                return new Answer<>(attempt.apply(candidate), candidate, List.copyOf(failures));
            } catch (ProviderException e) {
                if (!e.providerSide()) {
                    throw chain.size() == 1 || failures.isEmpty() ? e
                            : new ProviderException(false, e.code(), summary(failures, candidate, e));
                }
                failures.add(label(candidate) + ": " + e.getMessage());
                last = e;
                if (e.retryable()) {
                    anyRetryable = true;
                    if (e.retryAfterMillis() != null) {
                        shortestWait = shortestWait == null ? e.retryAfterMillis() : Math.min(shortestWait, e.retryAfterMillis());
                    }
                }
            }
        }
        if (chain.size() == 1) {
            throw last;
        }
        String code = anyRetryable && !last.retryable() ? "PROVIDERS_UNAVAILABLE" : last.code();
        throw new ProviderException(anyRetryable, code, "every provider in the fallback chain failed: "
                + String.join("; ", failures), anyRetryable ? shortestWait : null, null);
    }

    /**
     * The {@code usage} object of a step's output, and the ledger entry budgets are checked against.
     * {@code costUsd} is absent when the model has no configured price.
     */
    public ObjectNode usage(StepContext context, String provider, String model, long inputTokens, long outputTokens,
                            int images) {
        Double cost = pricing.cost(provider, model, inputTokens, outputTokens, images);
        ledger.record(new UsageLedger.Entry(context.appId(), context.runId(), context.stepId(), provider, model,
                inputTokens, outputTokens, images, cost == null ? 0 : cost));
        ObjectNode usage = Json.object();
        usage.put("provider", provider);
        if (model != null) {
            usage.put("model", model);
        }
        usage.put("inputTokens", inputTokens);
        usage.put("outputTokens", outputTokens);
        usage.put("images", images);
        if (cost != null) {
            usage.put("costUsd", cost);
        }
        return usage;
    }

    private static String summary(List<String> failures, Candidate candidate, ProviderException e) {
        return String.join("; ", failures) + "; " + label(candidate) + ": " + e.getMessage();
    }

    private static String label(Candidate c) {
        return (c.provider() == null ? "default" : c.provider()) + (c.model() == null ? "" : "/" + c.model());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() || v.asString().isBlank() ? null : v.asString();
    }
}
