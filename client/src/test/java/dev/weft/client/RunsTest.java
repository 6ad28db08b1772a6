package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.client.Model.Resume;
import dev.weft.client.Model.Run;
import dev.weft.client.Model.RunQuery;
import dev.weft.client.Model.StartRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The client's runs API against a real Weft server: each call's happy path and its main failures. */
class RunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WeftServer server = WeftServer.get();
    private final WeftClient weft = server.client();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void startsABuiltInWorkflowAndAwaitsItByItsStream() throws TimeoutException {
        var started = weft.runs().start(StartRun.of("image-generate-v1").input(Map.of("prompt", "a red fox")));
        assertThat(started.runId()).isNotBlank();
        assertThat(started.statusUrl()).startsWith(server.url());

        Run run = weft.runs().await(started.runId(), Duration.ofSeconds(60));

        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.step("generate").status()).isEqualTo("succeeded");
        assertThat(run.output().has("image")).isTrue();
        List<String> history = new ArrayList<>();
        weft.runs().events(started.runId()).forEach(e -> history.add(e.type()));
        assertThat(history).startsWith("run.created").endsWith("run.completed");
        List<String> streamed = new ArrayList<>();
        var last = weft.runs().stream(started.runId(), e -> streamed.add(e.type()));
        assertThat(last.type()).isEqualTo("run.completed");
        assertThat(streamed).isEqualTo(history);
    }

    @Test
    void aStreamingStepsTextArrivesAsDeltas() throws TimeoutException {
        var started = weft.runs().start(StartRun.ofPlan(json("""
                {"steps": [{"id": "gate", "type": "wait_for_signal", "input": {"signal": "go"}},
                           {"id": "write", "type": "text_generate", "input": {"prompt": "Write about rivers", "stream": true}}]}""")));
        StringBuilder text = new StringBuilder();
        Thread follower = new Thread(() -> weft.runs().stream(started.runId(), e -> {
            if (e.deltaText() != null) {
                text.append(e.deltaText());
            }
            if (e.type().equals("step.waiting")) {
                weft.runs().signal(started.runId(), "go", Map.of());
            }
        }));
        follower.start();
        Run run = weft.runs().await(started.runId(), Duration.ofSeconds(60));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !follower.isAlive());
        assertThat(text.toString()).isEqualTo(run.step("write").output().get("text").asText());
    }

    @Test
    void listsPageByPageWithFilters() {
        String slug = "client-list-" + System.nanoTime();
        weft.workflows().save(json("""
                {"slug": "%s", "steps": [{"id": "a", "type": "transform", "input": {"v": 1}}]}""".formatted(slug)));
        for (int i = 0; i < 5; i++) {
            weft.runs().start(StartRun.of(slug));
        }
        List<Run> all = new ArrayList<>();
        weft.runs().list(RunQuery.all().workflow(slug).pageSize(2)).forEach(all::add);
        assertThat(all).hasSize(5).allSatisfy(r -> assertThat(r.workflowSlug()).isEqualTo(slug));
        assertThat(all).extracting(Run::runId).doesNotHaveDuplicates();
        assertThat(weft.runs().page(RunQuery.all().workflow(slug).pageSize(2), null).nextCursor()).isNotNull();
    }

    @Test
    void cancelsSignalsAndResumesWithAFix() throws TimeoutException {
        String waiting = weft.runs().start(StartRun.ofPlan(json("""
                {"steps": [{"id": "approval", "type": "wait_for_signal", "input": {"signal": "approval"}},
                           {"id": "after", "type": "transform", "input": {"ok": "{{ steps.approval.output.ok }}"}}]}""")))
                .runId();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                weft.runs().get(waiting).step("approval").status().equals("waiting"));
        var accepted = weft.runs().signal(waiting, "approval", Map.of("ok", true));
        assertThat(accepted.consumedBy()).isEqualTo("approval");
        assertThat(weft.runs().await(waiting, Duration.ofSeconds(30)).step("after").output().get("ok").asBoolean()).isTrue();

        String held = weft.runs().start(StartRun.ofPlan(json("""
                {"steps": [{"id": "hold", "type": "wait_for_signal", "input": {"signal": "never"}}]}"""))).runId();
        assertThat(weft.runs().cancel(held).runId()).isEqualTo(held);
        assertThat(weft.runs().await(held, Duration.ofSeconds(30)).status()).isEqualTo("cancelled");
        WeftApiException again = catchThrowableOfType(WeftApiException.class, () -> weft.runs().cancel(held));
        assertThat(again.status()).isEqualTo(409);

        String failing = weft.runs().start(StartRun.ofPlan(json("""
                {"steps": [{"id": "double", "type": "transform", "input": {"v": "{{ int(input.n) * 2 }}"}}]}"""))
                .input(Map.of("n", "not a number"))).runId();
        assertThat(weft.runs().await(failing, Duration.ofSeconds(30)).status()).isEqualTo("failed");
        weft.runs().resume(failing, Resume.failedSteps().withInput(json("{\"n\": \"21\"}")));
        Run fixed = weft.runs().await(failing, Duration.ofSeconds(30));
        assertThat(fixed.status()).isEqualTo("completed");
        assertThat(fixed.step("double").output().get("v").asInt()).isEqualTo(42);
    }

    @Test
    void problemsAreTypedExceptionsNamingTheFields() {
        WeftApiException missing = catchThrowableOfType(WeftApiException.class, () -> weft.runs().get("no-such-run"));
        assertThat(missing.isNotFound()).isTrue();
        assertThat(missing.type()).endsWith("not-found");
        assertThat(missing.detail()).contains("no-such-run");

        WeftApiException invalid = catchThrowableOfType(WeftApiException.class, () -> weft.workflows().save(json("""
                {"slug": "client-bad", "steps": [{"id": "a", "type": "text_generat", "input": {}}]}""")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errors()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo("UNKNOWN_STEP_TYPE");
            assertThat(e.message()).contains("text_generate");
        });

        WeftClient wrongKey = WeftClient.builder().baseUrl(server.url()).apiKey("wk_wrong_key_00000000000000000000").build();
        assertThat(catchThrowableOfType(WeftApiException.class, () -> wrongKey.runs().get("x")).status()).isEqualTo(401);

        WeftClient down = WeftClient.builder().baseUrl("http://127.0.0.1:9").apiKey(WeftServer.KEY)
                .timeout(Duration.ofSeconds(2)).build();
        assertThat(catchThrowableOfType(WeftTransportException.class, () -> down.runs().get("x"))).isNotNull();
    }

    @Test
    void awaitGivesUpAfterItsTimeout() {
        String held = weft.runs().start(StartRun.ofPlan(json("""
                {"steps": [{"id": "hold", "type": "wait_for_signal", "input": {"signal": "never"}}]}"""))).runId();
        assertThat(catchThrowableOfType(TimeoutException.class, () -> weft.runs().await(held, Duration.ofMillis(300))))
                .hasMessageContaining(held);
        weft.runs().cancel(held);
    }

    @Test
    void startsABatchWithOneResultPerItem() {
        var batch = weft.runs().startBatch(List.of(StartRun.of("image-generate-v1").input(Map.of("prompt", "one")),
                StartRun.of("no-such-workflow"), StartRun.of("image-generate-v1").input(Map.of("prompt", "three"))));
        assertThat(batch.accepted()).isEqualTo(2);
        assertThat(batch.refused()).isEqualTo(1);
        assertThat(batch.results()).extracting(Model.BatchResult::started).containsExactly(true, false, true);
        assertThat(batch.results().get(1).status()).isEqualTo(404);
    }
}
