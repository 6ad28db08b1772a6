package dev.weft.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testsupport.H2TestDatabase;
import dev.weft.testsupport.PostgresTestDatabase;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API's length limits ({@link FieldLimits}) and the columns they guard agree, on both databases:
 * a limit above its column would let a value through to a failed insert (a 500), one below would
 * refuse values the store could keep.
 */
class FieldLimitsSchemaTest {

    @Test
    void everyLimitMatchesItsColumnOnH2() {
        assertLimitsMatch(H2TestDatabase.migrated());
    }

    @Test
    void everyLimitMatchesItsColumnOnPostgres() {
        PostgresTestDatabase.assumeAvailable();
        assertLimitsMatch(PostgresTestDatabase.migrated());
    }

    /** A step's {@code model} or {@code provider} ends up in the usage ledger: its schema must bound it alike. */
    @Test
    void stepInputSchemasBoundModelAndProviderNamesByTheSameLimits() throws Exception {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        int checked = 0;
        for (var resource : resolver.getResources("classpath:steps/*.schema.json")) {
            var schema = Json.parse(new String(resource.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            for (var model : schema.path("input").findValues("model")) {
                if (model.path("type").asString("").equals("string")) {
                    assertThat(model.path("maxLength").asInt()).as("%s model", resource.getFilename()).isEqualTo(FieldLimits.MODEL);
                    checked++;
                }
            }
            for (var provider : schema.path("input").findValues("provider")) {
                if (provider.path("type").asString("").equals("string")) {
                    assertThat(provider.path("maxLength").asInt()).as("%s provider", resource.getFilename())
                            .isEqualTo(FieldLimits.PROVIDER);
                }
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    private static void assertLimitsMatch(DataSource database) {
        JdbcClient jdbc = JdbcClient.create(database);
        for (FieldLimits.Column column : FieldLimits.COLUMNS) {
            Integer length = jdbc.sql("""
                    SELECT character_maximum_length FROM information_schema.columns
                    WHERE lower(table_name) = ? AND lower(column_name) = ?""")
                    .params(column.table().toLowerCase(Locale.ROOT), column.column().toLowerCase(Locale.ROOT))
                    .query(Integer.class).optional().orElse(null);

            assertThat(length).as("%s.%s", column.table(), column.column()).isEqualTo(column.limit());
        }
    }
}
