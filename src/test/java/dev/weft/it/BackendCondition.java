package dev.weft.it;

import dev.weft.testsupport.PostgresTestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Skips a {@link UseBackend} class whose backend this machine lacks; under {@code CI=true} fails it instead. */
class BackendCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        UseBackend use = testClass.map(c -> TestContextAnnotationUtils.findMergedAnnotation(c, UseBackend.class))
                .orElse(null);
        if (use == null) {
            return ConditionEvaluationResult.enabled("no backend");
        }
        String reason = use.value().unavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled(use.value() + " is available");
        }
        if (PostgresTestDatabase.mandatory()) {
            throw new IllegalStateException("CI=true requires the " + use.value() + " backend: " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
