-- The processor stores a batch's signals together. H2 commits its sequence state (with WRITE_DELAY=0:
-- a write to disk) each time an identity's cache of ids runs out, by default every 32 ids: about six
-- extra disk writes per batch of 200 events. Signal ids only break ties of equal event times when
-- read, so the gaps a restart leaves are harmless.
ALTER TABLE signal ALTER COLUMN id SET CACHE 1000;

-- A random value replaced whenever the account's signals change (AccountDirectory.signalsAdded), so a
-- processor that kept the account's signals in memory at one version knows whether they are still all
-- of them. 0: not changed since this column was added.
ALTER TABLE account ADD COLUMN signal_version BIGINT DEFAULT 0 NOT NULL;
