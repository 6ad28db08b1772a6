package dev.weft.dispatch.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Wraps the real {@link StepPublisher} so a test can make the broker "refuse" messages for a while. */
final class FlakyPublisher {

    static volatile boolean failing;
    static final AtomicInteger refused = new AtomicInteger();

    private FlakyPublisher() {}

    @TestConfiguration
    static class Config {
        @Bean
        static BeanPostProcessor flakyStepPublisher() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof StepPublisher real) {
                        return (StepPublisher) message -> {
                            if (failing) {
                                refused.incrementAndGet();
                                return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable (test)"));
                            }
                            return real.publish(message);
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
