package dev.weft.store;

import dev.weft.testsupport.PostgresTestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

class PostgresRunStoreContractTest extends RunStoreContractTest {

    private static DataSource database;

    @BeforeAll
    static void postgres() {
        PostgresTestDatabase.assumeAvailable();
        database = PostgresTestDatabase.migrated();
    }

    @Override
    protected DataSource database() {
        return database;
    }
}
