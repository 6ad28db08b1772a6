package dev.weft.steps.web;

import dev.weft.api.ApiProblem;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/step-types}: what each step type does and the schemas of its input and output. */
@RestController
class StepTypeController {

    private final StepRegistry registry;

    StepTypeController(StepRegistry registry) {
        this.registry = registry;
    }

    record StepTypeView(String type, String description, JsonNode inputSchema, JsonNode outputSchema) {
        static StepTypeView of(StepHandler handler) {
            return new StepTypeView(handler.type(), handler.description(), handler.inputSchema(),
                    handler.outputSchema());
        }
    }

    record StepTypeList(List<StepTypeView> stepTypes) {}

    @GetMapping("/v1/step-types")
    StepTypeList list() {
        return new StepTypeList(registry.all().stream().map(StepTypeView::of).toList());
    }

    @GetMapping("/v1/step-types/{type}")
    StepTypeView get(@PathVariable String type) {
        return registry.find(type).map(StepTypeView::of).orElseThrow(() -> ApiProblem.notFound("step-type",
                "there is no step type '" + type + "'; known types: " + String.join(", ", registry.types())));
    }
}
