package dev.weft.auth;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the API-key filter on {@code /v1/*}, the admin-token filter on {@code /admin/*} and {@code /actuator/*}. */
@Configuration(proxyBeanMethods = false)
class AuthWebConfig implements WebMvcConfigurer {

    static {
        // resolved from the API key, not read from the request: no parameter in the OpenAPI description
        org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedApp.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedAppArgumentResolver());
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(AppDirectory directory) {
        var registration = new FilterRegistrationBean<>(new ApiKeyFilter(directory));
        registration.addUrlPatterns("/v1/*");
        registration.setName("weftApiKeyFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AuthProperties properties) {
        var registration = new FilterRegistrationBean<>(new AdminTokenFilter(properties));
        registration.addUrlPatterns("/admin/*", "/actuator/*");
        registration.setName("weftAdminTokenFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
