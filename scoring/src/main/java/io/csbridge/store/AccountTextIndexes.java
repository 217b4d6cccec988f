package io.csbridge.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Migration V18 (issue 12 item 5): PostgreSQL's indexes on the accounts' texts, for the accounts list.
 * <ul>
 * <li>The search ({@code q}: a substring of an account's id, name or a key value, any case;
 * {@code store.account.AccountSearch}). A {@code LIKE '%...%'} can use no B-tree index; a GIN index with
 * {@code pg_trgm}'s {@code gin_trgm_ops} on each lower-cased column serves it, so the matching ids come
 * from three small index reads instead of every account and key.</li>
 * <li>The name order ({@code LOWER(COALESCE(name, id)), id}): a page deep in it walks this B-tree index
 * instead of sorting every account (247 ms to 33 ms at offset 50,000 of 100,000).</li>
 * </ul>
 * A Java migration because this SQL is PostgreSQL's only: on H2 it does nothing (the list runs the same
 * SQL without these indexes).
 *
 * <p>{@code pg_trgm} is a trusted extension (PostgreSQL 13+): the database's owner may create it. When it
 * is not there and cannot be created (an older server, a user without the right, the contrib package
 * missing), the migration logs that the search reads every account and key, and the schema is migrated
 * all the same (the name order's index needs no extension): a slower search, never a failed boot.
 * Creating the extension and the three trigram indexes below by hand later makes it fast (the search's
 * SQL is the same either way).
 */
public final class AccountTextIndexes implements JavaMigration {

    private static final Logger LOG = Logger.getLogger(AccountTextIndexes.class.getName());

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("18");
    }

    @Override
    public String getDescription() {
        return "account text indexes";
    }

    @Override
    public Integer getChecksum() {
        return 18_002; // changes only when the indexes below change
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (Dialect.fromProductName(c.getMetaData().getDatabaseProductName()) != Dialect.POSTGRESQL) return;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS ix_account_name_order ON account (LOWER(COALESCE(name, id)), id)");
        }
        String schema = trigramSchema(c);
        if (schema == null) {
            LOG.warning("pg_trgm is not available and could not be created in this database: the accounts search (q) reads "
                    + "every account and key (correct, slower on a large portfolio); CREATE EXTENSION pg_trgm as the "
                    + "database owner and create the indexes of " + AccountTextIndexes.class.getName() + " to make it fast");
            return;
        }
        createIndexes(c, schema);
    }

    /** The three GIN trigram indexes; {@code schema} is where {@code pg_trgm} lives (its operator class is named there). */
    static void createIndexes(Connection c, String schema) throws SQLException {
        String ops = quoted(schema) + ".gin_trgm_ops";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS ix_account_id_trgm ON account USING gin (LOWER(id) " + ops + ")");
            s.execute("CREATE INDEX IF NOT EXISTS ix_account_name_trgm ON account USING gin (LOWER(name) " + ops + ")");
            s.execute("CREATE INDEX IF NOT EXISTS ix_account_key_value_trgm ON account_key USING gin (LOWER(key_value) " + ops + ")");
        }
        LOG.info(() -> "accounts search: trigram indexes on account ids, names and key values (pg_trgm in " + schema + ")");
    }

    /** The schema of {@code pg_trgm}, created in the current schema if it is missing; null when it cannot be had. */
    private static String trigramSchema(Connection c) throws SQLException {
        String installed = installedSchema(c);
        if (installed != null) return installed;
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            c.releaseSavepoint(before);
        } catch (SQLException refused) {
            c.rollback(before);
            LOG.warning("CREATE EXTENSION pg_trgm failed: " + refused.getMessage());
            return null;
        }
        return installedSchema(c);
    }

    private static String installedSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                + "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
