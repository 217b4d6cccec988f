-- Exactly-once outbox effects (issue 12): a claim is a lease timed by the database's clock (never a
-- node's own) and a token; only the holder of the current token settles the write or renews its lease.
-- next_attempt_at keeps saying when a write is due; lease_until says until when a claim holds it.
ALTER TABLE outbox ADD COLUMN claim_token VARCHAR(36);
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
