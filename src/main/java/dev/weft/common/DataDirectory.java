package dev.weft.common;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code weft.data-dir} ({@code WEFT_DATA_DIR}) as an absolute path, however it was given: H2 refuses
 * a file URL relative to the working directory unless it starts with {@code ./}, so
 * {@code WEFT_DATA_DIR=mydata} would otherwise stop the service at start. The embedded database URL,
 * the local artifact store and the banner all read the resolved path.
 */
public class DataDirectory implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String configured = env.getProperty("weft.data-dir");
        if (configured == null || configured.isBlank()) {
            return;
        }
        String absolute = Path.of(configured.strip()).toAbsolutePath().normalize().toString();
        if (!absolute.equals(configured)) {
            env.getPropertySources().addFirst(new MapPropertySource("weftDataDirectory", Map.of("weft.data-dir", absolute)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the application's own configuration is loaded
    }
}
