package dev.weft.cli;

import dev.weft.client.WeftClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Save a server URL and API key as a profile (owner-only file in your config directory) and make it current.")
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    Weft weft;

    @Option(names = "--url", required = true, description = "The server, such as http://localhost:8080")
    String url;

    @Option(names = "--api-key", required = true, description = "An API key of your app (wk_...)")
    String apiKey;

    @Override
    public Integer call() {
        String name = weft.profile == null ? "default" : weft.profile;
        WeftClient client = WeftClient.builder().baseUrl(url).apiKey(apiKey).build();
        int workflows = client.workflows().list().size(); // checks the URL and the key before saving them
        Profiles.save(weft.context, name, url, apiKey);
        weft.context.out().println("Signed in to " + url + " as profile '" + name + "' (" + workflows + " workflows).");
        return Weft.OK;
    }
}
