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
