package dev.weft.dispatch;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that follow from {@link WeftRole}: an {@code api} process sends no webhooks (workers
 * do), unless {@code weft.webhooks.delivery-enabled} says otherwise.
 */
class RoleDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (WeftRole.of(env) == WeftRole.API) {
            env.getPropertySources().addLast(new MapPropertySource("weftRoleDefaults",
                    Map.of("weft.webhooks.delivery-enabled", "false")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the application's own configuration is loaded
    }
}
