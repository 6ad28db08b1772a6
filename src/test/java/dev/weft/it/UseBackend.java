package dev.weft.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a Spring test class (and its {@code @Nested} classes) on a {@link Backend}: its properties
 * are added to the context, and the class is skipped, or failed under {@code CI=true}, when the
 * backend is not available on this machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(BackendCondition.class)
@ContextCustomizerFactories(BackendCustomizerFactory.class)
public @interface UseBackend {
    Backend value();
}
