package dev.weft.dispatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.dispatch.Maintenance;
import dev.weft.dispatch.StepWorker;
import dev.weft.it.TestSteps;
import dev.weft.webhook.WebhookProperties;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "weft.role=api")
class ApiRoleTest extends KafkaTestBase {

    @Autowired
    ApplicationContext context;

    @Autowired
    DispatchOutbox outbox;

    @Autowired
    WebhookProperties webhooks;

    @Test
    void anApiProcessPublishesStepsButConsumesAndExecutesNone() {
        assertThat(context.getBeansOfType(MessageListenerContainer.class)).isEmpty();
        assertThat(context.getBeansOfType(StepWorker.class)).isEmpty();
        assertThat(context.getBeansOfType(Maintenance.class)).isEmpty();
        assertThat(webhooks.deliveryEnabled()).isFalse();
        String key = UUID.randomUUID().toString();

        String runId = start("""
                {"plan": {"steps": [{"id": "only", "type": "test_flaky", "input": {"key": "%s"}}]}}""".formatted(key));

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.size() == 0
                && "running".equals(run(runId).get("status").asString()));
        assertThat(TestSteps.EXECUTIONS).doesNotContainKey(key);
    }
}
