package dev.weft;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point: one process that serves the API and runs the workers (embedded mode by default). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WeftApplication {

    public static void main(String[] args) {
        SpringApplication.run(WeftApplication.class, args);
    }
}
