package dev.weft.runs;

import dev.weft.common.Limits;
import dev.weft.engine.Decider;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's framework-free parts, as beans. */
@Configuration(proxyBeanMethods = false)
class RunsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ExpressionEngine expressionEngine(Limits limits) {
        return new ExpressionEngine(new ExpressionLimits(limits.maxExpressionLength(), 10_000, limits.maxExpressionValueSize()));
    }

    @Bean
    Decider decider(ExpressionEngine expressions, Limits limits) {
        return new Decider(expressions, limits.maxItems());
    }
}
