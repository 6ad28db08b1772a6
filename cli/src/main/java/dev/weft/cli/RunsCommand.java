package dev.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.client.Model;
import dev.weft.client.RunEvents;
import dev.weft.client.WeftClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, inspect and steer runs.",
        subcommands = {RunsCommand.Ls.class, RunsCommand.Get.class, RunsCommand.Cancel.class, RunsCommand.Resume.class,
                RunsCommand.Signal.class, RunsCommand.Events.class, RunsCommand.Tail.class})
final class RunsCommand {

    @ParentCommand
    Weft weft;

    /** Prints one event of a followed run: steps as they start and end, streamed text as it comes. */
    static void printEvent(RunEvents.StreamEvent e, Output out) {
        if (out.json()) {
            out.json(e);
            return;
        }
        String step = e.data().path("stepId").asText("");
        switch (e.type()) {
            case "step.started" -> out.line("▶ " + step + " started (attempt " + e.data().path("attempt").asInt() + ")");
            case "step.succeeded" -> out.line("✓ " + step + " " + out.status("succeeded"));
            case "step.failed" -> out.line("✗ " + step + " " + out.status("failed") + ": "
                    + e.data().path("data").path("message").asText(""));
            case "step.retrying", "step.retry_scheduled" -> out.line("↻ " + step + " will be retried: "
                    + e.data().path("data").path("message").asText(""));
            case "step.waiting" -> out.line("‖ " + step + " " + out.status("waiting"));
            case "step.skipped" -> out.line("↷ " + step + " skipped");
            case "step.delta" -> out.line("  " + step + " │ " + e.deltaText().replace("\n", "\n  " + step + " │ "));
            case "run.completed", "run.failed", "run.cancelled" -> out.line("run " + out.status(e.type().substring(4)));
            default -> { }
        }
    }

    static void follow(WeftClient client, String runId, Output out) {
        client.runs().stream(runId, e -> printEvent(e, out));
    }

    /** The exit code of a finished run: 0 completed, 1 failed, 3 cancelled. */
    static int finished(Model.Run run, Output out) {
        if (out.json()) {
            out.json(run);
        } else if (run.error() != null && !run.error().isNull()) {
            out.line("run " + run.runId() + " " + out.status(run.status()) + ": " + run.error().path("message").asText(""));
        } else {
            out.line("run " + run.runId() + " " + out.status(run.status()));
        }
        return switch (run.status()) {
            case "completed" -> Weft.OK;
            case "cancelled" -> Weft.CANCELLED;
            default -> Weft.FAILED;
        };
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "The app's runs, newest first.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Option(names = "--status", description = "pending, running, completed, failed or cancelled")
        String status;

        @Option(names = "--workflow", description = "Only this workflow's runs")
        String workflow;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            Output out = runs.weft.out();
            List<Model.Run> shown = new ArrayList<>();
            for (Model.Run r : runs.weft.client().runs().list(Model.RunQuery.all().status(status).workflow(workflow)
                    .pageSize(Math.min(limit, 200)))) {
                if (shown.size() >= limit) {
                    break;
                }
                shown.add(r);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Model.Run r : shown) {
                rows.add(Output.row(r.runId(), r.workflowSlug() == null ? "(plan)" : r.workflowSlug() + " v" + r.workflowVersion(),
                        out.status(r.status()), r.createdAt(), r.durationMs() == null ? "" : r.durationMs() + " ms"));
            }
            out.print(shown, List.of("RUN", "WORKFLOW", "STATUS", "CREATED", "DURATION"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "A run with its steps.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            Output out = runs.weft.out();
            Model.Run run = runs.weft.client().runs().get(runId);
            if (out.json()) {
                out.json(run);
                return Weft.OK;
            }
            out.line("run      " + run.runId() + "  " + out.status(run.status()));
            out.line("workflow " + (run.workflowSlug() == null ? "(inline plan)" : run.workflowSlug() + " v" + run.workflowVersion()));
            out.line("created  " + run.createdAt() + (run.durationMs() == null ? "" : "  took " + run.durationMs() + " ms"));
            if (run.error() != null && !run.error().isNull()) {
                out.line("error    " + run.error().path("code").asText() + ": " + run.error().path("message").asText());
            }
            List<List<String>> rows = new ArrayList<>();
            for (Model.Step s : run.steps()) {
                rows.add(Output.row(s.id(), s.type(), out.status(s.status()), s.attempts(),
                        s.durationMs() == null ? "" : s.durationMs() + " ms",
                        s.error() == null || s.error().isNull() ? "" : s.error().path("message").asText()));
            }
            out.line("");
            out.table(List.of("STEP", "TYPE", "STATUS", "ATTEMPTS", "DURATION", "ERROR"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a pending or running run.")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            Model.Run run = runs.weft.client().runs().cancel(runId);
            Output out = runs.weft.out();
            out.result(run, "run " + runId + " cancelled");
            return Weft.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a failed run from its failed steps, or re-run it from a step.")
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Option(names = "--from", paramLabel = "STEP", description = "Run this step and every step after it again")
        String from;

        @Option(names = "--input", paramLabel = "NAME=VALUE", description = "A fix of the run's input (merged into it)")
        List<String> inputs;

        @Override
        public Integer call() {
            Model.Resume fix = from == null ? Model.Resume.failedSteps() : Model.Resume.from(from);
            if (inputs != null && !inputs.isEmpty()) {
                fix = fix.withInput(InputFiles.input(null, inputs));
            }
            Model.Run run = runs.weft.client().runs().resume(runId, fix);
            Output out = runs.weft.out();
            out.result(run, "run " + runId + " resumed");
            return Weft.OK;
        }
    }

    @Command(name = "signal", mixinStandardHelpOptions = true,
            description = "Send a signal to a run; the step waiting on it completes with DATA as its output.")
    static final class Signal implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Parameters(index = "1", paramLabel = "SIGNAL")
        String signal;

        @Option(names = "--data", paramLabel = "JSON", defaultValue = "{}", description = "The payload (default ${DEFAULT-VALUE})")
        String data;

        @Override
        public Integer call() throws Exception {
            JsonNode payload;
            try {
                payload = Output.JSON.readTree(data);
            } catch (Exception e) {
                throw new IllegalArgumentException("--data must be JSON, such as {\"approved\": true}");
            }
            Model.SignalAccepted accepted = runs.weft.client().runs().signal(runId, signal, payload);
            Output out = runs.weft.out();
            out.result(accepted, accepted.consumedBy() != null ? "signal " + signal + " taken by step " + accepted.consumedBy()
                        : "signal " + signal + " kept until a step waits for it");
            return Weft.OK;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "A run's history, oldest first.")
    static final class Events implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            Output out = runs.weft.out();
            List<Model.Event> events = new ArrayList<>();
            runs.weft.client().runs().events(runId).forEach(events::add);
            List<List<String>> rows = new ArrayList<>();
            for (Model.Event e : events) {
                rows.add(Output.row(e.id(), e.at(), e.type(), e.stepId(), e.attempt()));
            }
            out.print(events, List.of("ID", "AT", "EVENT", "STEP", "ATTEMPT"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Follow a run: its history, then its steps as they go (and streamed text), until it ends.")
    static final class Tail implements Callable<Integer> {
        @ParentCommand
        RunsCommand runs;

        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            WeftClient client = runs.weft.client();
            Output out = runs.weft.out();
            follow(client, runId, out);
            Model.Run run = client.runs().get(runId);
            return run.status().equals("completed") ? Weft.OK : run.status().equals("cancelled") ? Weft.CANCELLED : Weft.FAILED;
        }
    }
}
