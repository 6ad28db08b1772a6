package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.weft.client.Model;
import dev.weft.client.WeftClient;
import dev.weft.client.WeftServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a real Weft server: its happy path and its main failures, exit codes and output formats. */
class CliTest {

    private final WeftServer server = WeftServer.get();
    private final WeftClient weft = server.client();

    @TempDir
    Path config;

    @TempDir
    Path work;

    record Result(int code, String out, String err) {}

    private Result weft(Map<String, String> env, String stdin, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Weft.Context context = new Weft.Context(env, config, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal);
        int code = Weft.execute(context, args);
        return new Result(code, out.toString(), err.toString());
    }

    private Map<String, String> signedIn() {
        return Map.of("WEFT_URL", server.url(), "WEFT_API_KEY", WeftServer.KEY);
    }

    private Result weft(String... args) {
        return weft(signedIn(), "", false, args);
    }

    private Path file(String name, String content) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void loginStoresAProfileOnlyTheOwnerCanReadAndEnvironmentOverridesIt() throws Exception {
        Result login = weft(Map.of(), "", false, "login", "--url", server.url(), "--api-key", WeftServer.KEY);
        assertThat(login.code()).as(login.err()).isZero();
        Path stored = config.resolve("config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
        assertThat(weft(Map.of(), "", false, "workflows", "ls").out()).contains("image-generate-v1");

        Result wrong = weft(Map.of(), "", false, "login", "--url", server.url(), "--api-key", "wk_not_a_key_0000000000000000");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("401");
        Result overridden = weft(Map.of("WEFT_API_KEY", "wk_not_a_key_0000000000000000"), "", false, "runs", "ls");
        assertThat(overridden.code()).isEqualTo(1);
        assertThat(overridden.err()).contains("401").contains("Invalid API key");
        assertThat(weft(Map.of(), "", false, "--profile", "nope", "runs", "ls").code()).isEqualTo(2);
    }

    @Test
    void runFollowsAndExitsByHowTheRunEnded() throws Exception {
        Result ok = weft("run", "image-generate-v1", "--input", "prompt=a red fox", "--follow");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("▶ generate started").contains("✓ store succeeded").contains("run completed");

        Path failing = file("fails.yaml", """
                slug: fails
                steps:
                  - id: boom
                    type: transform
                    input:
                      v: "{{ int(input.n) }}"
                """);
        Result failed = weft("run", failing.toString(), "--input", "n=\"x\"", "--wait");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("failed");

        Path waits = file("waits.json", """
                {"steps": [{"id": "hold", "type": "wait_for_signal", "input": {"signal": "never"}}]}""");
        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> weft("run", waits.toString(), "--wait"));
        await().atMost(Duration.ofSeconds(30)).until(() -> weft.runs().page(Model.RunQuery.all().status("running"), null)
                .runs().stream().anyMatch(r -> r.workflowSlug() == null
                        && weft.runs().get(r.runId()).steps().get(0).id().equals("hold")));
        weft.runs().page(Model.RunQuery.all().status("running"), null).runs().stream()
                .filter(r -> weft.runs().get(r.runId()).steps().get(0).id().equals("hold"))
                .forEach(r -> weft.runs().cancel(r.runId()));
        assertThat(waiting.get().code()).isEqualTo(3);

        assertThat(weft("run").code()).as("a usage error").isEqualTo(2);
        assertThat(weft("run", "image-generate-v1", "--wait", "--follow").code()).isEqualTo(2);
        Result json = weft("-o", "json", "run", "image-generate-v1", "--input", "prompt=x");
        assertThat(Output.JSON.readTree(json.out()).get("runId").asText()).isNotBlank();
    }

    @Test
    void runsCommandsListGetSignalResumeCancelAndTell() throws Exception {
        String runId = weft.runs().start(Model.StartRun.ofPlan(Output.JSON.readTree("""
                {"steps": [{"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval"}},
                           {"id": "after", "type": "transform", "input": {"ok": "{{ steps.approval.output.ok }}"}}]}""")))
                .runId();
        await().atMost(Duration.ofSeconds(30)).until(() -> weft.runs().get(runId).step("approval").status().equals("waiting"));
        assertThat(weft("runs", "ls", "--limit", "50").out()).contains(runId);
        assertThat(weft("runs", "get", runId).out()).contains("approval").contains("waiting");
        Result signal = weft("runs", "signal", runId, "approval", "--data", "{\"ok\": true}");
        assertThat(signal.out()).contains("taken by step approval");
        Result tail = weft("runs", "tail", runId);
        assertThat(tail.code()).isZero();
        assertThat(tail.out()).contains("run completed");
        assertThat(weft("runs", "events", runId).out()).contains("signal.consumed").contains("run.completed");
        assertThat(Output.JSON.readTree(weft("-o", "json", "runs", "get", runId).out()).get("status").asText())
                .isEqualTo("completed");

        Result cancelAgain = weft("runs", "cancel", runId);
        assertThat(cancelAgain.code()).isEqualTo(1);
        assertThat(cancelAgain.err()).contains("409");
        Result unknown = weft("runs", "get", "no-such-run");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("404").contains("no-such-run");

        String failed = weft.runs().start(Model.StartRun.ofPlan(Output.JSON.readTree("""
                {"steps": [{"id": "double", "type": "transform", "input": {"v": "{{ int(input.n) * 2 }}"}}]}"""))
                .input(Map.of("n", "x"))).runId();
        assertThat(weft.runs().await(failed, Duration.ofSeconds(30)).status()).isEqualTo("failed");
        assertThat(weft("runs", "resume", failed, "--input", "n=\"21\"").code()).isZero();
        assertThat(weft.runs().await(failed, Duration.ofSeconds(30)).step("double").output().get("v").asInt()).isEqualTo(42);
    }

    @Test
    void workflowsArePushedOnlyWhenChangedValidatedDryRunAndDiffed() throws Exception {
        String slug = "cli-" + System.nanoTime();
        Path v1 = file("flow.yaml", """
                slug: %s
                steps:
                  - id: a
                    type: transform
                    input: {v: 1}
                """.formatted(slug));
        assertThat(weft("workflows", "push", v1.toString()).out()).contains("saved " + slug + " v1 (new workflow)");
        assertThat(weft("workflows", "push", v1.toString()).out()).contains("unchanged").contains("no new version");
        Path v2 = file("flow2.json", """
                {"slug": "%s", "steps": [{"id": "a", "type": "transform", "input": {"v": 2}}]}""".formatted(slug));
        Result pushed = weft("workflows", "push", v2.toString());
        assertThat(pushed.out()).contains("saved " + slug + " v2").contains("-      \"v\" : 1").contains("+      \"v\" : 2");
        assertThat(weft("workflows", "versions", slug).out()).contains("v1").contains("v2");
        assertThat(weft("workflows", "diff", slug, "1", "2").out()).contains("+      \"v\" : 2");

        Path broken = file("broken.json", """
                {"slug": "broken", "steps": [{"id": "a", "type": "text_generate", "input": {"promt": "hi"}}]}""");
        Result invalid = weft("workflows", "validate", broken.toString());
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains(broken + ":a.").contains("promt");
        assertThat(weft("workflows", "validate", v2.toString()).out()).contains("valid");
        Result plan = weft("workflows", "dry-run", "image-generate-v1", "--input", "prompt=a fox");
        assertThat(plan.code()).isZero();
        assertThat(plan.out()).contains("wave 1: generate").contains("would run");
    }

    @Test
    void schedulesArtifactsAndWebhookVerification() throws Exception {
        Result created = weft("-o", "json", "schedules", "create", "image-generate-v1", "--cron", "0 0 6 * * *",
                "--timezone", "Europe/Paris", "--input", "prompt=morning");
        String id = Output.JSON.readTree(created.out()).get("id").asText();
        assertThat(weft("schedules", "ls").out()).contains(id);
        assertThat(weft("schedules", "pause", id).out()).contains("paused");
        assertThat(weft("schedules", "resume", id).out()).contains("enabled");
        String runId = weft("schedules", "trigger", id).out().strip();
        JsonNode run = Output.JSON.valueToTree(weft.runs().await(runId, Duration.ofSeconds(60)));
        assertThat(weft("schedules", "rm", id).out()).contains("deleted");
        assertThat(weft("schedules", "pause", id).code()).isEqualTo(1);

        String artifactId = run.at("/steps/0/output/image/artifactId").asText();
        Path image = work.resolve("image.png");
        Result got = weft("artifacts", "get", artifactId, "-o", image.toString());
        assertThat(got.code()).as(got.err()).isZero();
        assertThat(Files.size(image)).isEqualTo(weft.artifacts().get(artifactId).sizeBytes());
        assertThat(weft("artifacts", "get", "art_nope", "-f", work.resolve("x").toString()).code()).isEqualTo(1);
        assertThat(weft("artifacts", "get", artifactId).code()).as("no file named").isEqualTo(2);
        assertThat(work.resolve("x.part")).doesNotExist();

        List<String> bodies = new CopyOnWriteArrayList<>();
        List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> h = new HashMap<>();
            exchange.getRequestHeaders().forEach((n, v) -> h.put(n.toLowerCase(), v.get(0)));
            headers.add(h);
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            weft.runs().start(Model.StartRun.ofPlan(Output.JSON.readTree("""
                    {"steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}"""))
                    .webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !bodies.isEmpty());
        } finally {
            receiver.stop(0);
        }
        String secret = weft.webhooks().secret().secret();
        var delivery = Output.JSON.createObjectNode();
        delivery.set("headers", Output.JSON.valueToTree(headers.get(0)));
        delivery.put("body", bodies.get(0));
        Result verified = weft(signedIn(), Output.JSON.writeValueAsString(delivery), false, "webhooks", "verify", "--secret", secret);
        assertThat(verified.code()).as(verified.err()).isZero();
        delivery.put("body", bodies.get(0).replace("\"a\"", "\"b\""));
        Result tampered = weft(signedIn(), Output.JSON.writeValueAsString(delivery), false, "webhooks", "verify", "--secret", secret);
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.err()).contains("not verified");
    }

    @Test
    void coloursOnlyOnATerminalWithoutNoColourAndServerDownIsAClearError() {
        Map<String, String> env = new HashMap<>(signedIn());
        assertThat(weft(env, "", true, "runs", "ls", "--limit", "3").out()).contains("\u001B[");
        env.put("NO_COLOR", "1");
        assertThat(weft(env, "", true, "runs", "ls", "--limit", "3").out()).doesNotContain("\u001B[");
        assertThat(weft(signedIn(), "", false, "runs", "ls", "--limit", "3").out()).doesNotContain("\u001B[");

        Result down = weft(Map.of("WEFT_URL", "http://127.0.0.1:9", "WEFT_API_KEY", WeftServer.KEY), "", false, "runs", "ls");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).startsWith("error: ").doesNotContain("Exception");
        assertThat(weft("generate-completion").out()).contains("complete -F");
        assertThat(weft("runs", "--help").out()).contains("tail").contains("signal");
    }
}
