package dev.weft.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Download an artifact's bytes to a file.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ArtifactsCommand artifacts;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Where to write it")
        Path file;

        @Override
        public Integer call() throws IOException {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            long bytes;
            try (OutputStream out = java.nio.file.Files.newOutputStream(partial)) {
                bytes = artifacts.weft.client().artifacts().download(id, out);
            } catch (RuntimeException e) {
                java.nio.file.Files.deleteIfExists(partial); // nothing half-written stays
                throw e;
            }
            java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            artifacts.weft.context.out().println("wrote " + bytes + " bytes to " + file);
            return Weft.OK;
        }
    }
}
