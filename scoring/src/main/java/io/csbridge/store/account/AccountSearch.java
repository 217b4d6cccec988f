package io.csbridge.store.account;

import java.util.List;
import java.util.Locale;

/**
 * The accounts search ({@code q}): accounts whose id, name or a key value contains the query, whatever
 * its case, with {@code %}, {@code _} and {@code \} taken literally. Written as one set of matching ids
 * (a union of the three columns' matches) so that on PostgreSQL each part reads its trigram index (V18,
 * {@code store.AccountTextIndexes}) instead of every account and key; on H2 the same SQL reads the tables.
 */
final class AccountSearch {

    private AccountSearch() {
    }

    /** Narrows {@code where} (on {@code account a}) to the accounts matching {@code query}. */
    static void restrict(StringBuilder where, List<Object> params, String query) {
        String like = "%" + query.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        where.append(" AND a.id IN (SELECT i.id FROM account i WHERE LOWER(i.id) LIKE ? ESCAPE '\\'"
                + " UNION SELECT n.id FROM account n WHERE LOWER(n.name) LIKE ? ESCAPE '\\'"
                + " UNION SELECT k.account_id FROM account_key k WHERE LOWER(k.key_value) LIKE ? ESCAPE '\\')");
        params.add(like);
        params.add(like);
        params.add(like);
    }
}
