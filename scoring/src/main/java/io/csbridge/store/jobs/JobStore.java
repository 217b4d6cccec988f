package io.csbridge.store.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.store.Transaction;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code job} and {@code job_rejection} tables. A job is owned through a lease timed by the
 * database's clock; every change a runner makes is conditioned on still owning a RUNNING job, so a node
 * that lost its lease (paused, cut off) can never count anything a second time.
 */
public final class JobStore {

    private static final String COLUMNS = "id, kind, source, params, state, started_by, started_at, finished_at, "
            + "processed, work_done, work_total, counts, cursor_position, error, cancel_requested, owner_node, "
            + "CASE WHEN lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP THEN TRUE ELSE FALSE END";
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    /** Another job for the same source is running (one per source at a time). */
    public static final class SourceBusyException extends RuntimeException {
        public SourceBusyException(String source) {
            super("a job for " + source + " is already running");
        }
    }

    private final Database database;

    public JobStore(Database database) {
        this.database = database;
    }

    /**
     * A new RUNNING job, owned by nobody yet (a runner claims it).
     *
     * @throws SourceBusyException when {@code source} is set and a job for it runs
     */
    public long create(String kind, String source, Map<String, String> params, String startedBy, Instant now) {
        try {
            return database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO job (kind, source, running_source, params, "
                        + "state, started_by, started_at) VALUES (?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, kind);
                    ps.setString(2, source);
                    ps.setString(3, source);
                    ps.setString(4, Json.write(params));
                    ps.setString(5, JobRecord.RUNNING);
                    ps.setString(6, startedBy);
                    ps.setTimestamp(7, Timestamp.from(now));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
        } catch (Database.DatabaseException e) {
            if (source != null && e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new SourceBusyException(source);
            }
            throw e;
        }
    }

    public Optional<JobRecord> find(long id) {
        List<JobRecord> found = select(" WHERE id = ?", id, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The newest jobs first; {@code sourcedOnly}: backfills and imports only. */
    public List<JobRecord> newest(boolean sourcedOnly, int limit) {
        return select(sourcedOnly ? " WHERE source IS NOT NULL" : "", null, limit);
    }

    /** Every kind, source and state's jobs added up: how many, records processed, progress (the metrics). */
    public List<JobTotal> totals() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, COALESCE(source, ''), state, COUNT(*), "
                    + "SUM(processed), SUM(work_done), SUM(CASE WHEN work_total > 0 THEN work_total ELSE 0 END) "
                    + "FROM job GROUP BY kind, COALESCE(source, ''), state")) {
                List<JobTotal> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JobTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
                return out;
            }
        });
    }

    /** RUNNING jobs that nobody holds: never claimed, or their owner stopped renewing its lease. */
    public List<JobRecord> orphans() {
        return select(" WHERE state = 'RUNNING' AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)", null, 100);
    }

    /** Takes an orphaned job for {@code node}. @return false when another node took it first, or it ended */
    public boolean claim(long id, String node, Duration lease) {
        return update("UPDATE job SET owner_node = ?, lease_until = " + database.dialect().databaseNowPlus(lease)
                + ", heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = 'RUNNING' AND (lease_until IS NULL"
                + " OR lease_until < CURRENT_TIMESTAMP)", node, id) == 1;
    }

    /** Renews the lease of a job {@code node} runs. @return false when it is no longer this node's */
    public boolean renew(long id, String node, Duration lease) {
        return update("UPDATE job SET lease_until = " + database.dialect().databaseNowPlus(lease)
                + ", heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND owner_node = ? AND state = 'RUNNING'", id, node) == 1;
    }

    /** Gives a job up without ending it (the server stops): another start resumes it at once. */
    public void release(long id, String node) {
        update("UPDATE job SET lease_until = NULL WHERE id = ? AND owner_node = ? AND state = 'RUNNING'", id, node);
    }

    /**
     * Records a step's checkpoint in the step's own transaction.
     *
     * @return false when {@code node} no longer owns the RUNNING job: the caller must roll the step back
     */
    public boolean checkpoint(Transaction tx, long id, String node, Duration lease, Checkpoint at) {
        return tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job SET cursor_position = ?, processed = ?, "
                    + "work_done = ?, work_total = ?, counts = ?, lease_until = " + database.dialect().databaseNowPlus(lease)
                    + ", heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND owner_node = ? AND state = 'RUNNING'")) {
                ps.setString(1, at.cursor());
                ps.setLong(2, at.processed());
                ps.setLong(3, at.workDone());
                ps.setLong(4, at.workTotal());
                ps.setString(5, Json.write(at.counts()));
                ps.setLong(6, id);
                ps.setString(7, node);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Keeps why an item was skipped (the first of each item number counts). */
    public void reject(Transaction tx, long id, long item, String error) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIgnoring("job_rejection",
                    "job_id, item_no, error", "job_id, item_no"))) {
                ps.setLong(1, id);
                ps.setLong(2, item);
                ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
                return ps.executeUpdate();
            }
        });
    }

    /** What the job skipped, in item order. */
    public List<Rejection> rejections(long id, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT item_no, error FROM job_rejection WHERE job_id = ? "
                    + "ORDER BY item_no FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setLong(1, id);
                List<Rejection> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Rejection(rs.getLong(1), rs.getString(2)));
                }
                return out;
            }
        });
    }

    /** One skipped item and why. */
    public record Rejection(long item, String error) {
    }

    /**
     * Ends a RUNNING job ({@code DONE}, {@code FAILED}, {@code CANCELLED}); with {@code node} set, only while
     * that node owns it. @return false when it had ended already or is another node's
     */
    public boolean finish(long id, String node, String state, String error, Instant now) {
        String ownerCheck = node == null ? "" : " AND owner_node = ?";
        Object[] args = node == null ? new Object[]{state, trim(error), Timestamp.from(now), id}
                : new Object[]{state, trim(error), Timestamp.from(now), id, node};
        return update("UPDATE job SET state = ?, error = ?, finished_at = ?, running_source = NULL, lease_until = NULL "
                + "WHERE id = ? AND state = 'RUNNING'" + ownerCheck, args) == 1;
    }

    /** Asks the job's runner, on whichever node, to stop. @return false when it is not running */
    public boolean requestCancel(long id) {
        return update("UPDATE job SET cancel_requested = TRUE WHERE id = ? AND state = 'RUNNING'", id) == 1;
    }

    public boolean cancelRequested(long id) {
        return find(id).map(JobRecord::cancelRequested).orElse(true);
    }

    private static String trim(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private int update(String sql, Object... args) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                return ps.executeUpdate();
            }
        });
    }

    private List<JobRecord> select(String where, Long id, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM job" + where
                    + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")) {
                if (id != null) ps.setLong(1, id);
                List<JobRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    private static JobRecord row(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(8);
        return new JobRecord(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getString(4), PARAMS), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), finished == null ? null : finished.toInstant(),
                rs.getLong(9), rs.getLong(10), rs.getLong(11), read(rs.getString(12), COUNTS), rs.getString(13),
                rs.getString(14), rs.getBoolean(15), rs.getString(16), rs.getBoolean(17));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job row holds invalid JSON", e);
        }
    }
}
