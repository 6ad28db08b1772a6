package dev.weft.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size limits on definitions and payloads ({@code weft.limits.*}).
 *
 * @param maxSteps            steps in one workflow
 * @param maxBodyBytes        bytes in one request body
 * @param maxDepth            nesting depth of any JSON document (definition, input)
 * @param maxExpressionLength characters in one expression
 * @param maxExpressionValueSize the largest value an expression may build, as characters of JSON
 * @param maxItems            items one {@code forEach} step may fan out to
 * @param maxWorkflowDepth    how deep sub-workflow calls may nest (a run's child is 1 deep)
 */
@ConfigurationProperties("weft.limits")
public record Limits(@DefaultValue("100") int maxSteps,
                               @DefaultValue("1048576") long maxBodyBytes,
                               @DefaultValue("32") int maxDepth,
                               @DefaultValue("1024") int maxExpressionLength,
                               @DefaultValue("4000000") long maxExpressionValueSize,
                               @DefaultValue("1000") int maxItems,
                               @DefaultValue("5") int maxWorkflowDepth) {

    public static Limits defaults() {
        return new Limits(100, 1_048_576, 32, 1024, 4_000_000, 1000, 5);
    }
}
