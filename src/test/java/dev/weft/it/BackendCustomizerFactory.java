package dev.weft.it;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Lays a {@link Backend}'s properties over the context. The customizer is equal for equal backends,
 * so Spring's context cache keeps one context per backend.
 */
class BackendCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        UseBackend use = TestContextAnnotationUtils.findMergedAnnotation(testClass, UseBackend.class);
        return use == null ? null : new BackendCustomizer(use.value());
    }

    private record BackendCustomizer(Backend backend) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("weft-backend-" + backend, backend.properties()));
        }
    }
}
