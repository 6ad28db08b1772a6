package dev.weft.console.web;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.weft.auth.AuthenticatedApp;
import dev.weft.common.Json;
import dev.weft.console.InputForm;
import dev.weft.console.RunPicture;
import dev.weft.definition.DefinitionService;
import dev.weft.definition.WorkflowDefinition;
import dev.weft.definition.web.DefinitionController;
import dev.weft.runs.DryRunPlan;
import dev.weft.runs.web.RunController;
import dev.weft.runs.web.RunResponses;
import dev.weft.runs.web.StartRunRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/** The workflows the app can run: their versions, JSON beside DAG, diffs, and a run form with a dry run. */
@Controller
@RequestMapping("/console/workflows")
public class WorkflowPages {

    private final DefinitionController api;
    private final DefinitionService definitions;
    private final RunController runs;
    private final jakarta.validation.Validator validator;

    WorkflowPages(DefinitionController api, DefinitionService definitions, RunController runs,
                  jakarta.validation.Validator validator) {
        this.api = api;
        this.definitions = definitions;
        this.runs = runs;
        this.validator = validator;
    }

    @GetMapping
    String list(HttpServletRequest request, Model model) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows");
        model.addAttribute("workflows", api.list(app).get("workflows"));
        model.addAttribute("nav", "workflows");
        return "console/workflows";
    }

    /** A line of a diff: its text and whether it was added, removed, a hunk header or context. */
    public record DiffLine(String kind, String text) {}

    @GetMapping("/{slug}")
    String workflow(HttpServletRequest request, Model model, @PathVariable String slug,
                    @RequestParam(required = false) Integer version, @RequestParam(required = false) Integer compare) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "GET", "/v1/workflows/" + slug);
        List<DefinitionController.View> versions = api.versions(app, slug).get("versions");
        DefinitionController.View shown = version == null ? versions.getFirst() : api.version(app, slug, version);
        WorkflowDefinition definition = definitions.parseStored(Json.write(shown.definition()));
        model.addAttribute("slug", slug);
        model.addAttribute("versions", versions);
        model.addAttribute("shown", shown);
        model.addAttribute("definitionJson", new ConsoleViews().pretty(shown.definition()));
        model.addAttribute("description", definition.description());
        model.addAttribute("graph", RunPicture.graph(definition, RunPicture.layout(definition), null, null));
        model.addAttribute("fields", InputForm.fields(definition.inputSchema()));
        if (compare != null) {
            DefinitionController.View other = api.version(app, slug, compare);
            model.addAttribute("compare", compare);
            model.addAttribute("diff", diff(other, shown));
        }
        model.addAttribute("nav", "workflows");
        return "console/workflow";
    }

    private static List<DiffLine> diff(DefinitionController.View from, DefinitionController.View to) {
        List<String> a = Arrays.asList(new ConsoleViews().pretty(from.definition()).split("\n"));
        List<String> b = Arrays.asList(new ConsoleViews().pretty(to.definition()).split("\n"));
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("version " + from.version(), "version " + to.version(),
                a, DiffUtils.diff(a, b), 3);
        return unified.stream().map(line -> new DiffLine(line.startsWith("+++") || line.startsWith("---") ? "file"
                : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed"
                : "same", line)).toList();
    }

    /** Starts a run from the form, or (with {@code dryRun}) answers the plan without running anything. */
    @PostMapping("/{slug}/run")
    String run(HttpServletRequest request, HttpServletResponse response, Model model, @PathVariable String slug,
               @RequestParam(required = false) Integer version, @RequestParam(required = false) String rawInput,
               @RequestParam(defaultValue = "false") boolean dryRun, @RequestParam Map<String, String> params) {
        AuthenticatedApp app = ConsoleAdvice.app(request, "POST", "/v1/workflows/run");
        DefinitionController.View shown = version == null ? api.latest(app, slug) : api.version(app, slug, version);
        WorkflowDefinition definition = definitions.parseStored(Json.write(shown.definition()));
        JsonNode input = InputForm.input(InputForm.fields(definition.inputSchema()), params, rawInput);
        StartRunRequest body = new StartRunRequest(null, slug, null, shown.version(), null, input, null, null, null, null);
        var violation = validator.validate(body).stream().findFirst();
        if (violation.isPresent()) {
            throw new dev.weft.common.InvalidFieldException(violation.get().getPropertyPath().toString(),
                    violation.get().getMessage());
        }
        ResponseEntity<?> answer = runs.run(app, body, dryRun, null);
        if (dryRun) {
            model.addAttribute("plan", (DryRunPlan) answer.getBody());
            model.addAttribute("json", new ConsoleViews());
            return "console/workflow :: dry-run";
        }
        return ConsoleAdvice.redirect(request, response, "/console/runs/" + ((RunResponses.Started) answer.getBody()).runId());
    }
}
