package dev.weft.store;

import dev.weft.testsupport.H2TestDatabase;
import javax.sql.DataSource;

class H2RunStoreContractTest extends RunStoreContractTest {

    @Override
    protected DataSource database() {
        return H2TestDatabase.migrated();
    }
}
