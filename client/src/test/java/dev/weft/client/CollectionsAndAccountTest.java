package dev.weft.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.weft.client.Model.StartRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Vector collections, usage and budget, the step catalogue and the app-wide run stream, against a real server. */
class CollectionsAndAccountTest {

    private final WeftClient weft = WeftServer.get().client();

    @Test
    void documentsAreStoredQueriedByMeaningAndDeleted() {
        String collection = "notes-" + System.nanoTime();
        weft.collections().put(collection, "rivers", "Rivers carry water from the mountains to the sea", Map.of("topic", "nature"));
        weft.collections().put(collection, "taxes", "Income tax returns are due in April", Map.of("topic", "money"));
        var matches = weft.collections().query(collection, "where does river water flow", 2, null);
        assertThat(matches).hasSize(2);
        assertThat(matches.get(0).id()).isEqualTo("rivers");
        assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
        assertThat(weft.collections().query(collection, "water", 5, Map.of("topic", "money")))
                .extracting(Collections.Match::id).containsExactly("taxes");
        assertThat(weft.collections().get(collection, "rivers").content()).contains("mountains");
        assertThat(weft.collections().documents(collection, null, 10).documents()).hasSize(2);
        assertThat(weft.collections().list().get("collections").toString()).contains(collection);
        weft.collections().delete(collection, "taxes");
        assertThat(catchThrowableOfType(WeftApiException.class, () -> weft.collections().get(collection, "taxes")).status())
                .isEqualTo(404);
    }

    @Test
    void usageBudgetAndStepTypes() {
        var budget = weft.account().setMonthlyBudget(12.5);
        assertThat(budget.monthlyMaxCostUsd()).isEqualTo(12.5);
        assertThat(weft.account().budget().monthlyMaxCostUsd()).isEqualTo(12.5);
        assertThat(weft.account().setMonthlyBudget(null).monthlyMaxCostUsd()).isNull();
        assertThat(weft.account().usage(7).get("days")).hasSize(7);
        assertThat(weft.account().stepTypes().toString()).contains("text_generate").contains("wait_for_signal");
        assertThat(weft.account().stepType("text_generate").toString()).contains("prompt");
        assertThat(weft.account().purgeCache()).isGreaterThanOrEqualTo(0);
        assertThat(weft.account().usage(7).has("cacheSavedUsd")).isTrue();
        assertThat(catchThrowableOfType(WeftApiException.class, () -> weft.account().usage(0)).errors())
                .anySatisfy(e -> assertThat(e.field()).isEqualTo("days"));
    }

    @Test
    void watchingTheAppSeesARunStartAndEnd() throws Exception {
        List<RunEvents.StreamEvent> seen = new CopyOnWriteArrayList<>();
        try (RunEvents.Watch watch = weft.runs().watch(null, "image-generate-v1", seen::add)) {
            await().atMost(Duration.ofSeconds(10)).until(watch::connected);
            String runId = weft.runs().start(StartRun.of("image-generate-v1").input(Map.of("prompt", "a heron"))).runId();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.stream().anyMatch(e ->
                    e.type().equals("run.completed") && e.data().path("runId").asText().equals(runId)));
            assertThat(seen).filteredOn(e -> e.data().path("runId").asText().equals(runId)).extracting(RunEvents.StreamEvent::type)
                    .contains("run.created", "run.completed");
            assertThat(seen).allSatisfy(e -> assertThat(e.data().path("workflowSlug").asText()).isEqualTo("image-generate-v1"));
        }
    }
}
