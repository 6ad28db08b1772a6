package dev.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.client.Webhooks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Webhook deliveries.",
        subcommands = WebhooksCommand.Verify.class)
final class WebhooksCommand {

    @ParentCommand
    Weft weft;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a delivery's signature (Standard Webhooks). Reads the delivery from standard input as JSON:",
                    "{\"headers\": {\"webhook-id\": ..., \"webhook-timestamp\": ..., \"webhook-signature\": ...}, \"body\": \"<the raw body>\"}.",
                    "Exit code 0 when it verifies, 1 when it does not."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        WebhooksCommand webhooks;

        @Option(names = "--secret", required = true, description = "whsec_...; repeat it to accept any of several (rotation)")
        List<String> secrets;

        @Option(names = "--tolerance", defaultValue = "PT5M", description = "How old or new the timestamp may be (default ${DEFAULT-VALUE})")
        java.time.Duration tolerance;

        @Override
        public Integer call() throws Exception {
            JsonNode delivery = Output.JSON.readTree(webhooks.weft.context.in());
            if (delivery == null || !delivery.path("headers").isObject() || !delivery.path("body").isTextual()) {
                throw new IllegalArgumentException("standard input must be {\"headers\": {...}, \"body\": \"...\"}");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            delivery.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            try {
                Webhooks.verify(delivery.get("body").asText(), headers, secrets, tolerance, java.time.Clock.systemUTC());
            } catch (Webhooks.InvalidSignatureException e) {
                webhooks.weft.context.err().println("not verified: " + e.getMessage());
                return Weft.FAILED;
            }
            webhooks.weft.context.out().println("verified: delivery " + headers.getOrDefault("webhook-id",
                    headers.getOrDefault("Webhook-Id", "")));
            return Weft.OK;
        }
    }
}
