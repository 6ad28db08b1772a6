package dev.weft.it;

import org.junit.jupiter.api.Nested;

/** The API behaviour suite in embedded mode: H2 and in-process dispatch. */
@UseBackend(Backend.H2)
class H2BackendTest {
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
    @Nested class TypedExpressions extends TypedExpressionsTest {}
    @Nested class StepOutputContract extends StepOutputContractTest {}
    @Nested class ResumeWithFix extends ResumeWithFixTest {}
    @Nested class OpenApiDocument extends OpenApiDocumentTest {}
    @Nested class Conventions extends ConventionsTest {}
    @Nested class EventStream extends EventStreamTest {}
    @Nested class StepWebhooks extends StepWebhooksTest {}
    @Nested class BatchSubmission extends BatchSubmissionTest {}
    @Nested class Signals extends SignalsTest {}
    @Nested class FanOut extends FanOutTest {}
    @Nested class SubWorkflows extends SubWorkflowsTest {}
    @Nested class Concurrency extends ConcurrencyTest {}
    @Nested class ImageBatchReview extends ImageBatchReviewTest {}
    @Nested class ScheduledRuns extends SchedulesTest {}
    @Nested class LargeOutputs extends LargeOutputsTest {}
    @Nested class VectorSearch extends VectorSearchTest {}
    @Nested class ConsoleHttp extends ConsoleHttpTest {}
    @Nested class StepCache extends StepCacheTest {}
    @Nested class ConsoleBrowser extends ConsoleBrowserTest {}
}
