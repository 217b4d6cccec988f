package io.csbridge.store.account;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.signal.Signal;
import io.csbridge.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every account's history, read a chunk of accounts at a time (each chunk its own short transaction),
 * so a portfolio of any size is visited without holding it in memory: the input of the KPI snapshots.
 */
public final class PortfolioReader {

    private static final int CHUNK = 200;

    private record Chunk(String lastId, List<AccountHistory> histories) {
    }

    private final Database database;
    private final AccountDirectory directory;
    private final SignalStore signals;

    public PortfolioReader(Database database) {
        this.database = database;
        this.directory = new AccountDirectory(database);
        this.signals = new SignalStore(database.dialect());
    }

    /** How many accounts there are. */
    public int count() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM account"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Hands each account's history (its signals up to {@code upTo}) to {@code each}, in id order, and
     * the number of accounts visited so far to {@code progress} after each chunk.
     *
     * @return accounts visited (fewer than all when {@code cancelled} said stop)
     */
    public int forEach(Instant upTo, Consumer<AccountHistory> each, Consumer<Integer> progress, BooleanSupplier cancelled) {
        int visited = 0;
        String after = "";
        while (!cancelled.getAsBoolean()) {
            String from = after;
            Chunk chunk = database.inTransaction(c -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
                    ps.setString(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) ids.add(rs.getString(1));
                    }
                }
                Map<String, AccountProfile> profiles = directory.profiles(c, ids);
                Map<String, List<Signal>> byAccount = signals.forAccounts(c, ids, upTo);
                List<AccountHistory> out = new ArrayList<>(ids.size());
                for (String id : ids) {
                    AccountProfile profile = profiles.get(id);
                    if (profile != null) out.add(new AccountHistory(profile, byAccount.getOrDefault(id, List.of())));
                }
                return new Chunk(ids.isEmpty() ? null : ids.get(ids.size() - 1), out);
            });
            if (chunk.lastId() == null) break;
            chunk.histories().forEach(each);
            after = chunk.lastId();
            visited += chunk.histories().size();
            progress.accept(visited);
        }
        return visited;
    }
}
