package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ConfiguredBootstrapTest extends AuthHttpTest {

    @Autowired
    Bootstrap bootstrap;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theConfiguredKeyAuthenticatesAsTheConfiguredApp() {
        Response response = whoami(BOOTSTRAP_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("appId").asString()).isEqualTo(BOOTSTRAP_APP);
    }

    @Test
    void runningTheBootstrapAgainChangesNothing() {
        bootstrap.run();
        bootstrap.run();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM apps WHERE id = ?").param(BOOTSTRAP_APP).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE app_id = ?").param(BOOTSTRAP_APP).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apps WHERE id = 'default'").query(Long.class).single())
                .as("a configured bootstrap creates no default app").isZero();
        assertThat(whoami(BOOTSTRAP_KEY).status()).isEqualTo(200);
    }
}
