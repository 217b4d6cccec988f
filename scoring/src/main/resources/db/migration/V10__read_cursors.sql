-- Issue 11: where each backfill and each vendor's reconciliation stopped reading (an opaque position the
-- vendor's reader writes), how many records it has read, and the lease that lets one node run it.
CREATE TABLE read_cursor (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    position    VARCHAR(4000),
    processed   BIGINT        NOT NULL DEFAULT 0,
    updated_at  TIMESTAMP WITH TIME ZONE,
    lease_holder VARCHAR(200),
    lease_until TIMESTAMP WITH TIME ZONE
);
