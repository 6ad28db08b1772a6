package dev.weft.console.web;

import dev.weft.auth.ConsoleSessions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the console's session and CSRF guard on {@code /console} and everything under it. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig {

    @Bean
    FilterRegistrationBean<ConsoleFilter> consoleFilter(ConsoleSessions sessions) {
        var registration = new FilterRegistrationBean<>(new ConsoleFilter(sessions));
        registration.addUrlPatterns("/console", "/console/*");
        registration.setName("weftConsoleFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
