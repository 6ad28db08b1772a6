package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.client.Model.StartRun;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The definition builder round-trips through the server's validation; schedules and artifacts over the wire. */
class DefinitionsAndSchedulesTest {

    private final WeftServer server = WeftServer.get();
    private final WeftClient weft = server.client();

    @Test
    void aDefinitionWrittenInJavaIsExactlyWhatTheServerStoresAndRuns() throws Exception {
        String slug = "built-in-java-" + System.nanoTime();
        JsonNode definition = Definition.workflow(slug)
                .description("Draft, wait for a go, caption each line")
                .input("topic", Definition.Type.STRING, true)
                .input("lines", Definition.Type.ARRAY, false)
                .step(Definition.textGenerate("draft", "Write about {{ input.topic }}").stream().retry(3, Duration.ofMillis(100))
                        .timeout(Duration.ofSeconds(30)))
                .step(Definition.waitForSignal("go", "go", Duration.ofHours(1)).after("draft"))
                .step(Definition.transform("each").after("go").forEach("{{ input.lines }}", 2).input("line", "{{ item }}")
                        .input("at", "{{ index }}"))
                .step(Definition.transform("skipped").after("go").when("size(input.lines) > 100").input("never", true)
                        .cache(Duration.ofDays(7), "{{ input.topic }}"))
                .output("text", "{{ steps.draft.output.text }}")
                .output("lines", "{{ steps.each.output }}")
                .timeout(Duration.ofMinutes(10))
                .toJson();

        weft.workflows().validate(definition);
        var saved = weft.workflows().save(definition);
        assertThat(saved.version()).isEqualTo(1);
        assertThat(weft.workflows().latest(slug).definition()).isEqualTo(definition);

        String runId = weft.runs().start(StartRun.of(slug).input(Map.of("topic", "rivers", "lines", java.util.List.of("a", "b", "c"))))
                .runId();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                weft.runs().get(runId).step("go").status().equals("waiting"));
        weft.runs().signal(runId, "go", Map.of());
        var run = weft.runs().await(runId, Duration.ofSeconds(30));
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.output().get("lines")).hasSize(3);
        assertThat(run.step("skipped").status()).isEqualTo("skipped");

        WeftApiException typo = catchThrowableOfType(WeftApiException.class, () -> weft.workflows().validate(
                Definition.workflow("typo").step(Definition.transform("a").input("v", "{{ steps.nope.output }}")).toJson()));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.errors()).isNotEmpty();
        assertThat(weft.workflows().versions(slug)).hasSize(1);
    }

    @Test
    void schedulesAreCreatedPausedTriggeredAndDeleted() throws Exception {
        var schedule = weft.schedules().create("image-generate-v1", "0 0 6 * * *", "Europe/Paris",
                Map.of("prompt", "a morning landscape"));
        assertThat(schedule.nextFireTimes()).isNotEmpty();
        assertThat(weft.schedules().pause(schedule.id()).enabled()).isFalse();
        assertThat(weft.schedules().resume(schedule.id()).enabled()).isTrue();
        var triggered = weft.schedules().trigger(schedule.id());
        assertThat(weft.runs().await(triggered.runId(), Duration.ofSeconds(60)).status()).isEqualTo("completed");
        assertThat(weft.schedules().list()).extracting(Schedules.Schedule::id).contains(schedule.id());
        weft.schedules().delete(schedule.id());
        assertThat(catchThrowableOfType(WeftApiException.class, () -> weft.schedules().get(schedule.id())).status())
                .isEqualTo(404);

        // the image that run made, downloaded as a stream, matches its recorded hash
        var page = weft.artifacts().list(triggered.runId(), null, 50);
        var image = page.artifacts().stream().filter(a -> a.contentType().startsWith("image/")).findFirst().orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long n = weft.artifacts().download(image.id(), bytes);
        assertThat(n).isEqualTo(image.sizeBytes());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())))
                .isEqualTo(image.sha256());
        assertThat(catchThrowableOfType(WeftApiException.class, () -> weft.artifacts().download("art_nope",
                new ByteArrayOutputStream())).status()).isEqualTo(404);
    }
}
