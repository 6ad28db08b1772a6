package dev.weft.it;

import dev.weft.runs.StepDispatcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Guards the suite itself: a backend's tests really run on that backend's database. */
abstract class BackendIdentityTest extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    StepDispatcher dispatcher;

    @Test
    void theApplicationRunsOnTheDatabaseItsBackendNames() throws Exception {
        Backend backend = TestContextAnnotationUtils.findMergedAnnotation(getClass(), UseBackend.class).value();
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(backend.databaseProduct());
        }
        assertThat(dispatcher.getClass().getPackageName().endsWith(".kafka"))
                .as("dispatcher %s", dispatcher.getClass()).isEqualTo(backend == Backend.POSTGRES_KAFKA);
    }
}
