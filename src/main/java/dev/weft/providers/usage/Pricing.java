package dev.weft.providers.usage;

import java.util.HashMap;
import java.util.Map;

/**
 * Estimated prices in USD, per 1,000 input and output tokens and per image, by provider and model.
 * Defaults below are list prices at the time of writing for a few common models; anything under
 * {@code weft.pricing.<provider>.<model>.*} replaces them. A model is matched exactly or by the longest
 * configured prefix ({@code gpt-4o-mini-2024-07-18} takes {@code gpt-4o-mini}'s price). Local
 * providers and Ollama cost 0; a remote model with no price has an unknown (null) cost.
 */
public final class Pricing {

    /** Any field may be null (0). */
    public record Price(Double inputPer1k, Double outputPer1k, Double perImage) {}

    static final Map<String, Map<String, Price>> DEFAULTS = Map.of(
            "openai", Map.of(
                    "gpt-4o-mini", new Price(0.00015, 0.0006, null),
                    "gpt-4o", new Price(0.0025, 0.01, null),
                    "gpt-4.1-mini", new Price(0.0004, 0.0016, null),
                    "gpt-4.1", new Price(0.002, 0.008, null),
                    "text-embedding-3-small", new Price(0.00002, 0.0, null),
                    "text-embedding-3-large", new Price(0.00013, 0.0, null),
                    "omni-moderation", new Price(0.0, 0.0, null),
                    "gpt-image-1", new Price(null, null, 0.042),
                    "dall-e-3", new Price(null, null, 0.04)),
            "anthropic", Map.of(
                    "claude-sonnet-4", new Price(0.003, 0.015, null),
                    "claude-haiku-4", new Price(0.001, 0.005, null),
                    "claude-3-5-haiku", new Price(0.0008, 0.004, null),
                    "claude-opus-4", new Price(0.015, 0.075, null)));


    private final Map<String, Map<String, Price>> prices = new HashMap<>();

    /** @param overrides {@code weft.pricing}, may be null */
    public Pricing(Map<String, Map<String, Price>> overrides) {
        DEFAULTS.forEach((p, models) -> prices.put(p, new HashMap<>(models)));
        if (overrides != null) {
            overrides.forEach((p, models) -> prices.computeIfAbsent(p, k -> new HashMap<>()).putAll(models));
        }
    }

    /** @return the estimated cost in USD, or null when the model has no configured price */
    public Double cost(String provider, String model, long inputTokens, long outputTokens, int images) {
        Map<String, Price> models = prices.get(provider);
        if (models == null || model == null) {
            return isFree(provider) ? 0.0 : null;
        }
        Price price = models.get(model);
        if (price == null) {
            String best = null;
            for (String known : models.keySet()) {
                if (model.startsWith(known) && (best == null || known.length() > best.length())) {
                    best = known;
                }
            }
            price = best == null ? null : models.get(best);
        }
        if (price == null) {
            return isFree(provider) ? 0.0 : null;
        }
        double cost = inputTokens / 1000.0 * zero(price.inputPer1k()) + outputTokens / 1000.0 * zero(price.outputPer1k())
                + images * zero(price.perImage());
        return Math.round(cost * 1_000_000) / 1_000_000.0;
    }

    /** The offline providers ({@code local}, {@code local-rules}, {@code local-placeholder}) and Ollama. */
    private static boolean isFree(String provider) {
        return provider.startsWith("local") || provider.equals("ollama");
    }

    private static double zero(Double d) {
        return d == null ? 0 : d;
    }
}
