package dev.weft.store;

import dev.weft.common.Dialect;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Dialect} of the configured database, for the JDBC stores. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.detect(dataSource);
    }
}
