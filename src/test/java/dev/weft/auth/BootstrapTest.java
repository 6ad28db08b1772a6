package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Bootstrap against a fresh migrated database per test, without a Spring context. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTest {

    private AppDirectory directory;

    @BeforeEach
    void freshDatabase() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:bootstrap-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        directory = new AppDirectory(JdbcClient.create(dataSource), Clock.systemUTC());
    }

    private Bootstrap bootstrap(boolean enabled, String appId, String apiKey) {
        return new Bootstrap(directory, new AuthProperties(null, new AuthProperties.Bootstrap(enabled, appId, apiKey)),
                new org.springframework.mock.env.MockEnvironment());
    }

    @Test
    void firstStartCreatesTheDefaultAppAndLogsItsKeyOnce(CapturedOutput output) {
        bootstrap(true, null, null).run();
        bootstrap(true, null, null).run();

        assertThat(directory.listApps()).extracting(App::id).containsExactly("default");
        assertThat(directory.listKeys("default")).hasSize(1);
        String prefix = directory.listKeys("default").getFirst().prefix();
        assertThat(output.getAll()).containsOnlyOnce("API key of app 'default': " + prefix).containsOnlyOnce("Weft is ready");
        String key = output.getAll().split("API key of app 'default': ")[1].split("\\s")[0];
        assertThat(directory.authenticate(key)).map(AuthenticatedApp::appId).contains("default");
    }

    @Test
    void createsNothingWhenAnAppExistsAlready() {
        directory.createApp("existing", "Existing");

        bootstrap(true, null, null).run();

        assertThat(directory.listApps()).extracting(App::id).containsExactly("existing");
    }

    @Test
    void createsNothingWhenDisabled() {
        bootstrap(false, null, null).run();
        bootstrap(false, "scripted", "wk_some-configured-key-123").run();

        assertThat(directory.listApps()).isEmpty();
    }

    @Test
    void ensuresTheConfiguredAppAndKeyIdempotently() {
        bootstrap(true, "scripted", "wk_some-configured-key-123").run();
        bootstrap(true, "scripted", "wk_some-configured-key-123").run();

        assertThat(directory.listApps()).extracting(App::id).containsExactly("scripted");
        assertThat(directory.listKeys("scripted")).hasSize(1);
        assertThat(directory.authenticate("wk_some-configured-key-123")).map(AuthenticatedApp::appId).contains("scripted");
    }

    @Test
    void aConfiguredKeyWithoutAppIdBelongsToTheDefaultApp() {
        bootstrap(true, null, "wk_some-configured-key-123").run();

        assertThat(directory.authenticate("wk_some-configured-key-123")).map(AuthenticatedApp::appId).contains("default");
    }

    @Test
    void addsTheConfiguredKeyToAnAppThatExistsAlready() {
        directory.createAppWithKey("scripted", "Scripted");

        bootstrap(true, "scripted", "wk_some-configured-key-123").run();

        assertThat(directory.listKeys("scripted")).hasSize(2);
    }

    @Test
    void failsWhenTheConfiguredKeyBelongsToAnotherApp() {
        bootstrap(true, "first", "wk_some-configured-key-123").run();

        assertThatThrownBy(() -> bootstrap(true, "second", "wk_some-configured-key-123").run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already a key of app 'first'")
                .hasMessageContaining("'second'");
    }

    @Test
    void failsWhenOnlyTheAppIdIsConfigured() {
        assertThatThrownBy(() -> bootstrap(true, "scripted", " ").run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weft.bootstrap.api-key is not");
    }
}
