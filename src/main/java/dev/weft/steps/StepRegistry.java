package dev.weft.steps;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** All step types this server knows, by name. */
@Component
public class StepRegistry {

    private final Map<String, StepHandler> handlers;

    public StepRegistry(List<StepHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toMap(StepHandler::type, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two handlers for step type " + a.type());
                }, TreeMap::new));
    }

    public Optional<StepHandler> find(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public Set<String> types() {
        return handlers.keySet();
    }

    public Collection<StepHandler> all() {
        return handlers.values();
    }
}
