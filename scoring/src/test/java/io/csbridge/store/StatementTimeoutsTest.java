package io.csbridge.store;

import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12 item 7: no statement on the application's connections runs without a time limit. */
class StatementTimeoutsTest {

    @Test
    void aStatementLongerThanTheQueryTimeoutEndsInATransientError() {
        // Without the limit the statement would run for hours; the error itself is the proof it was cut off.
        Database limited = new Database(TestDatabase.fresh().dataSource(), new StatementTimeouts(1, 5));
        String slow = limited.dialect() == Dialect.H2
                ? "SELECT SUM(MOD(X * 7, 13)) FROM SYSTEM_RANGE(1, 100000000000)" : "SELECT pg_sleep(30)";
        assertThatThrownBy(() -> limited.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(slow)) {
                return rs.next();
            }
        })).isInstanceOfSatisfying(Database.DatabaseException.class, e -> assertThat(Database.isTransient(e)).isTrue());
    }

    @Test
    void preparedStatementsGetTheTimeoutToo() {
        Database limited = new Database(TestDatabase.fresh().dataSource(), new StatementTimeouts(7, 0));
        int timeout = limited.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT 1")) {
                return ps.getQueryTimeout();
            }
        });
        assertThat(timeout).isEqualTo(7);
    }
}
