package dev.weft.it;

import dev.weft.common.Json;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepHandler;
import dev.weft.steps.StepResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * Step types that exist only in tests: {@code test_flaky} fails (retryably) a given number of
 * times per key before it succeeds, and counts every execution, so tests can see retries and
 * prove that nothing ran twice.
 */
@TestConfiguration
public class TestSteps {

    public static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    public static final Map<String, java.util.concurrent.CountDownLatch> HOLDS = new ConcurrentHashMap<>();
    /** The keys of {@code test_hold} executions, in the order they started. */
    public static final java.util.Queue<String> HOLD_STARTS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** {@code test_hold}: counts the execution, then waits until the test releases its key. */
    @Bean
    StepHandler holdStep() {
        return new StepHandler() {
            @Override
            public String type() {
                return "test_hold";
            }

            @Override
            public String description() {
                return "test only: blocks until released";
            }

            @Override
            public JsonNode inputSchema() {
                return Json.parse("{\"type\": \"object\", \"required\": [\"key\"]}");
            }

            @Override
            public JsonNode outputSchema() {
                return Json.parse("{\"type\": \"object\"}");
            }

            @Override
            public StepResult execute(StepContext context) throws InterruptedException {
                String key = context.input().get("key").asString();
                int n = EXECUTIONS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                HOLD_STARTS.add(key);
                HOLDS.computeIfAbsent(key, k -> new java.util.concurrent.CountDownLatch(1))
                        .await(30, java.util.concurrent.TimeUnit.SECONDS);
                return new StepResult.Succeeded(Json.parse("{\"execution\": " + n + "}"));
            }
        };
    }

    /** {@code test_db_outage}: the database out of reach from inside the handler the first {@code times} times per key. */
    @Bean
    StepHandler databaseOutageStep() {
        return new StepHandler() {
            @Override
            public String type() {
                return "test_db_outage";
            }

            @Override
            public String description() {
                return "test only: cannot reach the database the first 'times' times";
            }

            @Override
            public JsonNode inputSchema() {
                return Json.parse("{\"type\": \"object\", \"required\": [\"key\"]}");
            }

            @Override
            public JsonNode outputSchema() {
                return Json.parse("{\"type\": \"object\"}");
            }

            @Override
            public StepResult execute(StepContext context) {
                String key = context.input().get("key").asString();
                int n = EXECUTIONS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                if (n <= context.input().path("times").asInt(1)) {
                    throw new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                            new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
                }
                return new StepResult.Succeeded(Json.parse("{\"execution\": " + n + "}"));
            }
        };
    }

    @Bean
    StepHandler flakyStep() {
        return new StepHandler() {
            @Override
            public String type() {
                return "test_flaky";
            }

            @Override
            public String description() {
                return "test only: fails failTimes times, then succeeds";
            }

            @Override
            public JsonNode inputSchema() {
                return Json.parse("{\"type\": \"object\", \"required\": [\"key\"], \"properties\": {\"key\": {\"type\": \"string\"}, "
                        + "\"failTimes\": {\"type\": \"integer\"}, \"permanent\": {\"type\": \"boolean\"}}}");
            }

            @Override
            public JsonNode outputSchema() {
                return Json.parse("{\"type\": \"object\"}");
            }

            @Override
            public StepResult execute(StepContext context) {
                String key = context.input().get("key").asString();
                int n = EXECUTIONS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                int failTimes = context.input().path("failTimes").asInt(0);
                if (n <= failTimes) {
                    return context.input().path("permanent").asBoolean(false)
                            ? new StepResult.PermanentFailure("TEST_PERMANENT", "step '" + context.stepId() + "' failed on purpose")
                            : new StepResult.RetryableFailure("TEST_FLAKY", "attempt " + n + " of '" + context.stepId() + "' failed on purpose", null);
                }
                return new StepResult.Succeeded(Json.parse("{\"executions\": " + n + ", \"attempt\": " + context.attempt() + "}"));
            }
        };
    }

    /** {@code test_crash}: throws the {@link Error} its input names, as a handler that runs out of memory would. */
    @Bean
    StepHandler crashStep() {
        return new StepHandler() {
            @Override
            public String type() {
                return "test_crash";
            }

            @Override
            public String description() {
                return "test only: throws an Error";
            }

            @Override
            public JsonNode inputSchema() {
                return Json.parse("{\"type\": \"object\", \"required\": [\"key\"], \"properties\": {\"key\": {\"type\": \"string\"}}}");
            }

            @Override
            public JsonNode outputSchema() {
                return Json.parse("{\"type\": \"object\"}");
            }

            @Override
            public StepResult execute(StepContext context) {
                EXECUTIONS.computeIfAbsent(context.input().get("key").asString(), k -> new AtomicInteger()).incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            }
        };
    }
}
