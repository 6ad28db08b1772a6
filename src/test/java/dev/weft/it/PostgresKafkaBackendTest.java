package dev.weft.it;

import org.junit.jupiter.api.Nested;

/** The API behaviour suite in distributed mode: PostgreSQL (a throwaway database) and Kafka dispatch through a real broker. */
@UseBackend(Backend.POSTGRES_KAFKA)
class PostgresKafkaBackendTest {
    @Nested class Identity extends BackendIdentityTest {}
    @Nested class Lifecycle extends WorkflowLifecycleTest {}
    @Nested class Validation extends ValidationTest {}
    @Nested class IsolationAndSecurity extends IsolationAndSecurityTest {}
    @Nested class AllStepTypes extends AllStepTypesTest {}
    @Nested class Operations extends OperationsTest {}
    @Nested class DuplicateExecution extends DuplicateExecutionTest {}
    @Nested class AppAiSettings extends AppAiSettingsTest {}
    @Nested class Hardening extends HardeningTest {}
    @Nested class DataRetention extends RetentionTest {}
    @Nested class DryRun extends DryRunTest {}
    @Nested class Signals extends SignalsTest {}
    @Nested class FanOut extends FanOutTest {}
    @Nested class SubWorkflows extends SubWorkflowsTest {}
    @Nested class Concurrency extends ConcurrencyTest {}
    @Nested class ImageBatchReview extends ImageBatchReviewTest {}
    @Nested class EventStream extends EventStreamTest {}
    @Nested class ScheduledRuns extends SchedulesTest {}
}
