package io.csbridge.backfill;

import io.csbridge.inbox.InboxEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what changed in one vendor, page by page, as inbox entries (the same entries the vendor's webhook
 * makes: {@link io.csbridge.translation}). Implemented by the connectors; used by backfills and by the
 * continuous reconciliation.
 */
public interface VendorReader {

    /** {@code salesforce} or {@code zendesk}: the inbox source of what it reads. */
    String source();

    /** Whether credentials are set; a reader in sandbox mode reads nothing. */
    boolean live();

    /**
     * Reads everything changed since {@code since}, or, when {@code from} is given, after that position
     * (one this reader handed to {@link Pages#page}). Pages come in order; a position covers every
     * page before it.
     *
     * @throws Unavailable when the vendor cannot be read now (circuit open, limit exceeded, unreachable);
     *                     the pages handed over so far stay done
     */
    void read(Instant since, Optional<String> from, Pages pages) throws Unavailable;

    /** Where the pages go. */
    interface Pages {
        /**
         * @param entries  the page's records as inbox entries (records that cannot be entries are left out and counted)
         * @param skipped  records on the page that could not become entries
         * @param position where to resume after this page
         * @return false to stop reading (the run was cancelled)
         */
        boolean page(List<InboxEntry> entries, int skipped, String position);
    }

    /** The vendor cannot be read now; try again later from the last position. */
    final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
