package dev.weft.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "artifacts", mixinStandardHelpOptions = true, description = "Files the steps produced.",
        subcommands = ArtifactsCommand.Get.class)
final class ArtifactsCommand {

    @ParentCommand
    Weft weft;

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Download an artifact's bytes to a file: weft artifacts get ID -o FILE (or -f FILE).")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ArtifactsCommand artifacts;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Where to write it (-o FILE works too)")
        Path file;

        @Override
        public Integer call() throws IOException {
            String output = artifacts.weft.output;
            if (file == null && output != null && !output.equals("table") && !output.equals("json")) {
                file = Path.of(output); // the global -o names the file here, as in curl -o
            }
            if (file == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "where to write it: -o FILE");
            }
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            long bytes;
            try (OutputStream out = Files.newOutputStream(partial)) {
                bytes = artifacts.weft.client().artifacts().download(id, out);
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial); // nothing half-written stays
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            artifacts.weft.context.out().println("wrote " + bytes + " bytes to " + file);
            return Weft.OK;
        }
    }
}
