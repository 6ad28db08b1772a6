package dev.weft.steps.ai;

import dev.weft.steps.StepFailure;
import dev.weft.steps.StepContext;
import java.util.List;
import java.util.function.Function;

/**
 * Picks the provider a step names, or the server default (the first configured one, in bean order)
 * when it names none. A name nobody configured fails the step permanently, listing the choices.
 */
public final class ProviderChoice<T> {

    private final String kind;
    private final List<T> providers;
    private final Function<T, String> name;

    public ProviderChoice(String kind, List<T> providers, Function<T, String> name) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " provider configured");
        }
        this.kind = kind;
        this.providers = List.copyOf(providers);
        this.name = name;
    }

    /** @param requested the step's {@code provider}, or null/blank for the default */
    public T select(StepContext context, String requested) {
        if (requested == null || requested.isBlank()) {
            return providers.getFirst();
        }
        return providers.stream().filter(p -> name.apply(p).equals(requested)).findFirst()
                .orElseThrow(() -> StepFailure.permanent(context, "UNKNOWN_PROVIDER", "no " + kind + " provider '"
                        + requested + "' is configured; available: " + providers.stream().map(name).toList()));
    }
}
