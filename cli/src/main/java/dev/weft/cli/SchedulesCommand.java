package dev.weft.cli;

import dev.weft.client.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "schedules", mixinStandardHelpOptions = true, description = "Workflows run on a cron.",
        subcommands = {SchedulesCommand.Ls.class, SchedulesCommand.Create.class, SchedulesCommand.Pause.class,
                SchedulesCommand.Resume.class, SchedulesCommand.Trigger.class, SchedulesCommand.Rm.class})
final class SchedulesCommand {

    @ParentCommand
    Weft weft;

    void show(Schedules.Schedule s) {
        Output out = weft.out();
        out.result(s, s.id() + "  " + s.workflowSlug() + "  " + s.cron() + " " + s.timezone() + "  "
                    + (s.enabled() ? "enabled" : "paused") + (s.nextFireTimes().isEmpty() ? "" : "  next " + s.nextFireTimes().get(0)));
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "The app's schedules.")
    static final class Ls implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Override
        public Integer call() {
            Output out = schedules.weft.out();
            List<Schedules.Schedule> all = schedules.weft.client().schedules().list();
            List<List<String>> rows = new ArrayList<>();
            for (Schedules.Schedule s : all) {
                rows.add(Output.row(s.id(), s.workflowSlug(), s.cron(), s.timezone(), s.enabled() ? "enabled" : "paused",
                        s.nextFireTimes().isEmpty() ? "" : s.nextFireTimes().get(0)));
            }
            out.print(all, List.of("SCHEDULE", "WORKFLOW", "CRON", "ZONE", "STATE", "NEXT"), rows);
            return Weft.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Run a stored workflow on a cron.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(paramLabel = "SLUG")
        String slug;

        @Option(names = "--cron", required = true, description = "Six fields, seconds first: \"0 0 6 * * *\" is 06:00 daily")
        String cron;

        @Option(names = "--timezone", description = "Such as Europe/Paris; default UTC")
        String timezone;

        @Option(names = "--input", paramLabel = "NAME=VALUE")
        List<String> inputs;

        @Option(names = "--input-file", paramLabel = "FILE")
        Path inputFile;

        @Override
        public Integer call() {
            schedules.show(schedules.weft.client().schedules().create(slug, cron, timezone, InputFiles.input(inputFile, inputs)));
            return Weft.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop a schedule firing (it is kept).")
    static final class Pause implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            schedules.show(schedules.weft.client().schedules().pause(id));
            return Weft.OK;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused schedule fire again.")
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            schedules.show(schedules.weft.client().schedules().resume(id));
            return Weft.OK;
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true, description = "Start a run of the schedule now.")
    static final class Trigger implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            var triggered = schedules.weft.client().schedules().trigger(id);
            Output out = schedules.weft.out();
            out.result(triggered, triggered.runId());
            return Weft.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a schedule (the runs it started stay).")
    static final class Rm implements Callable<Integer> {
        @ParentCommand
        SchedulesCommand schedules;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            schedules.weft.client().schedules().delete(id);
            schedules.weft.context.out().println("deleted " + id);
            return Weft.OK;
        }
    }
}
