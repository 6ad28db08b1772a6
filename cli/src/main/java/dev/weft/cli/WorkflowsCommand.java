package dev.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.weft.client.Model;
import dev.weft.client.WeftApiException;
import dev.weft.client.WeftClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "workflows", mixinStandardHelpOptions = true, description = "Workflow definitions: list, push, check, compare.",
        subcommands = {WorkflowsCommand.Ls.class, WorkflowsCommand.Push.class, WorkflowsCommand.Validate.class,
                WorkflowsCommand.DryRun.class, WorkflowsCommand.Versions.class, WorkflowsCommand.Diff.class})
final class WorkflowsCommand {

    @ParentCommand
    Weft weft;

    /** Prints a refused definition's errors as {@code file:step.field: message}; answers exit code 1. */
    static int refused(Weft weft, String file, WeftApiException e) {
        if (e.status() != 422 || e.errors().isEmpty()) {
            throw e;
        }
        for (WeftApiException.FieldError error : e.errors()) {
            weft.context.err().println(Output.where(file, error) + ": " + error.message()
                    + (error.code() == null ? "" : " [" + error.code() + "]"));
        }
        return Weft.FAILED;
    }

    static List<String> diff(JsonNode from, JsonNode to, String fromName, String toName) {
        try {
            List<String> a = Arrays.asList(Output.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(from).split("\n"));
            List<String> b = Arrays.asList(Output.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(to).split("\n"));
            return UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, DiffUtils.diff(a, b), 3);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Every workflow the app can run, latest versions.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Override
        public Integer call() {
            Output out = workflows.weft.out();
            List<Model.Workflow> all = workflows.weft.client().workflows().list();
            List<List<String>> rows = new ArrayList<>();
            for (Model.Workflow w : all) {
                rows.add(Output.row(w.slug(), w.version() == null ? "" : "v" + w.version(), w.builtIn() ? "built-in" : "",
                        w.definition().path("steps").size(), w.definition().path("description").asText("")));
            }
            out.print(all, List.of("WORKFLOW", "VERSION", "", "STEPS", "DESCRIPTION"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Save a definition file (JSON or YAML) as the next version, unless it equals the latest.")
    static final class Push implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            JsonNode definition = InputFiles.read(file);
            WeftClient client = workflows.weft.client();
            String slug = definition.path("slug").asText(null);
            Model.Workflow latest = null;
            if (slug != null) {
                try {
                    latest = client.workflows().latest(slug);
                } catch (WeftApiException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
            }
            Output out = workflows.weft.out();
            if (latest != null && latest.definition().equals(definition)) {
                out.line(slug + " is unchanged: v" + latest.version() + " is the same; no new version made");
                return Weft.OK;
            }
            Model.Workflow saved;
            try {
                saved = client.workflows().save(definition);
            } catch (WeftApiException e) {
                return refused(workflows.weft, file.toString(), e);
            }
            if (out.json()) {
                out.json(saved);
                return Weft.OK;
            }
            out.line("saved " + saved.slug() + " v" + saved.version() + (latest == null ? " (new workflow)" : ""));
            if (latest != null) {
                diff(latest.definition(), definition, "v" + latest.version(), "v" + saved.version()).forEach(out::line);
            }
            return Weft.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a definition file without saving it; errors as file:step.field: message.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            try {
                workflows.weft.client().workflows().validate(InputFiles.read(file));
            } catch (WeftApiException e) {
                return refused(workflows.weft, file.toString(), e);
            }
            workflows.weft.context.out().println(file + ": valid");
            return Weft.OK;
        }
    }

    @Command(name = "dry-run", mixinStandardHelpOptions = true,
            description = "The plan of a run (waves, each step's input) without storing or running anything.")
    static final class DryRun implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Parameters(paramLabel = "SLUG|FILE")
        String target;

        @Option(names = "--input", paramLabel = "NAME=VALUE")
        List<String> inputs;

        @Option(names = "--input-file", paramLabel = "FILE")
        Path inputFile;

        @Override
        public Integer call() {
            Model.StartRun request = (InputFiles.isFile(target) ? Model.StartRun.ofPlan(InputFiles.read(Path.of(target)))
                    : Model.StartRun.of(target)).input(InputFiles.input(inputFile, inputs));
            JsonNode plan;
            try {
                plan = workflows.weft.client().runs().dryRun(request);
            } catch (WeftApiException e) {
                return refused(workflows.weft, InputFiles.isFile(target) ? target : null, e);
            }
            Output out = workflows.weft.out();
            if (out.json()) {
                out.json(plan);
                return Weft.OK;
            }
            out.line("outcome: " + plan.path("outcome").asText());
            int wave = 1;
            for (JsonNode w : plan.path("waves")) {
                List<String> ids = new ArrayList<>();
                w.forEach(id -> ids.add(id.asText()));
                out.line("wave " + wave++ + ": " + String.join(", ", ids));
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : plan.path("steps")) {
                List<String> problems = new ArrayList<>();
                s.path("problems").forEach(p -> problems.add(p.asText()));
                rows.add(Output.row(s.path("id").asText(), s.path("status").asText(), String.join("; ", problems)));
            }
            out.table(List.of("STEP", "WOULD", "PROBLEMS"), rows);
            return plan.path("error").isMissingNode() || plan.path("error").isNull() ? Weft.OK : Weft.FAILED;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "A workflow's versions, newest first.")
    static final class Versions implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Parameters(paramLabel = "SLUG")
        String slug;

        @Override
        public Integer call() {
            Output out = workflows.weft.out();
            List<Model.Workflow> all = workflows.weft.client().workflows().versions(slug);
            List<List<String>> rows = new ArrayList<>();
            for (Model.Workflow w : all) {
                rows.add(Output.row("v" + w.version(), w.createdAt(), w.definition().path("steps").size()));
            }
            out.print(all, List.of("VERSION", "SAVED", "STEPS"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What changed between two versions (unified diff).")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        WorkflowsCommand workflows;

        @Parameters(index = "0", paramLabel = "SLUG")
        String slug;

        @Parameters(index = "1", paramLabel = "FROM")
        int from;

        @Parameters(index = "2", paramLabel = "TO")
        int to;

        @Override
        public Integer call() {
            WeftClient client = workflows.weft.client();
            diff(client.workflows().version(slug, from).definition(), client.workflows().version(slug, to).definition(),
                    "v" + from, "v" + to).forEach(workflows.weft.context.out()::println);
            return Weft.OK;
        }
    }
}
