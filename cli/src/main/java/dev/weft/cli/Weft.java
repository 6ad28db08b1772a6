package dev.weft.cli;

import dev.weft.client.WeftApiException;
import dev.weft.client.WeftClient;
import dev.weft.client.WeftTransportException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code weft}: the Weft API from a terminal or a script. */
@Command(name = "weft", mixinStandardHelpOptions = true, version = "weft 0.1.0",
        description = "Run and watch Weft workflows from a terminal or a script.",
        subcommands = {LoginCommand.class, RunCommand.class, RunsCommand.class, WorkflowsCommand.class,
                SchedulesCommand.class, ArtifactsCommand.class, WebhooksCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Weft implements Runnable {

    /** Exit codes: 0 done (a run completed), 1 failed, 2 usage error, 3 a run was cancelled. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CANCELLED = 3;

    /** The world the commands see: environment, config directory, streams. Replaced in tests. */
    record Context(Map<String, String> env, Path configDir, PrintWriter out, PrintWriter err, InputStream in,
                   boolean terminal) {

        boolean colour() {
            return terminal && !env.containsKey("NO_COLOR");
        }
    }

    final Context context;

    @Option(names = "--profile", scope = ScopeType.INHERIT, description = "The profile to use (see weft login); default: the current one")
    String profile;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table (for people) or json (for scripts); default: ${DEFAULT-VALUE}")
    String output;

    Weft(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }

    /** The client for the chosen profile, with WEFT_URL and WEFT_API_KEY overriding it. */
    WeftClient client() {
        Profiles.Profile p = Profiles.resolve(context, profile);
        return WeftClient.builder().baseUrl(p.url()).apiKey(p.apiKey()).build();
    }

    Output out() {
        if (!output.equals("table") && !output.equals("json")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--output must be table or json, not " + output);
        }
        return new Output(context.out(), output.equals("json"), context.colour());
    }

    /** Runs the command line in this context; answers the exit code. */
    static int execute(Context context, String... args) {
        CommandLine line = new CommandLine(new Weft(context));
        line.setOut(context.out());
        line.setErr(context.err());
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof WeftApiException api) {
                context.err().println("error: " + api.status() + " " + (api.title() == null ? "" : api.title())
                        + (api.detail() == null ? "" : ": " + api.detail()));
                api.errors().forEach(f -> context.err().println("  " + Output.where(null, f) + ": " + f.message()));
                return FAILED;
            }
            if (e instanceof WeftTransportException t) {
                context.err().println("error: " + t.getMessage());
                return FAILED;
            }
            if (e instanceof Profiles.NoProfileException | e instanceof IllegalArgumentException) {
                context.err().println("error: " + e.getMessage());
                return e instanceof Profiles.NoProfileException ? USAGE : FAILED;
            }
            throw e;
        });
        int code = line.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    public static void main(String[] args) {
        Path config = System.getenv("XDG_CONFIG_HOME") != null ? Path.of(System.getenv("XDG_CONFIG_HOME"), "weft")
                : Path.of(System.getProperty("user.home"), ".config", "weft");
        Context context = new Context(System.getenv(), config, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), System.in, System.console() != null);
        System.exit(execute(context, args));
    }
}
