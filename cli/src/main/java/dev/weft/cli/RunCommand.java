package dev.weft.cli;

import dev.weft.client.Model;
import dev.weft.client.WeftClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a run of a stored workflow (SLUG) or of a definition file (FILE.json or .yaml).",
                "With --follow, print its steps as they start and finish (and streamed text); with --wait, only its end.",
                "Exit code: 0 completed, 1 failed, 3 cancelled, 2 usage error."})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Weft weft;

    @Parameters(index = "0", paramLabel = "SLUG|FILE", description = "A stored workflow's slug, or a definition file")
    String target;

    @Option(names = "--input", paramLabel = "NAME=VALUE", description = "An input field (VALUE is JSON when it parses as JSON)")
    List<String> inputs;

    @Option(names = "--input-file", paramLabel = "FILE", description = "The input as a JSON or YAML object")
    Path inputFile;

    @Option(names = "--version", paramLabel = "N", description = "A version of the stored workflow; default: the latest")
    Integer version;

    @Option(names = "--idempotency-key", description = "The same key and input give the same run")
    String idempotencyKey;

    @ArgGroup(exclusive = true)
    Waiting waiting;

    static final class Waiting {
        @Option(names = "--wait", description = "Wait until the run ends")
        boolean waitForEnd;

        @Option(names = "--follow", description = "Print the run's steps as they go, until it ends")
        boolean follow;
    }

    @Option(names = "--timeout", defaultValue = "PT30M", description = "How long --wait waits (ISO-8601, default ${DEFAULT-VALUE}); then exit 1")
    Duration timeout;

    @Override
    public Integer call() throws TimeoutException {
        WeftClient client = weft.client();
        Model.StartRun request = InputFiles.isFile(target) ? Model.StartRun.ofPlan(InputFiles.read(Path.of(target)))
                : Model.StartRun.of(target);
        request = request.input(InputFiles.input(inputFile, inputs));
        if (version != null) {
            request = request.version(version);
        }
        if (idempotencyKey != null) {
            request = request.idempotencyKey(idempotencyKey);
        }
        Model.Started started = client.runs().start(request);
        Output out = weft.out();
        if (waiting == null) {
            out.result(started, started.runId());
            return Weft.OK;
        }
        if (!out.json()) {
            out.line("run " + started.runId() + " started");
        }
        Model.Run run;
        if (waiting.follow) {
            RunsCommand.follow(client, started.runId(), out);
            run = client.runs().get(started.runId());
        } else {
            run = client.runs().await(started.runId(), timeout);
        }
        return RunsCommand.finished(run, out);
    }
}
