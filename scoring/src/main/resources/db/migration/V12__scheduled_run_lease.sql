-- Issue 14: a once-a-day run has an owner holding a lease and a finished time, so that another node
-- takes over a day whose owner died before finishing it.
ALTER TABLE scheduled_run ADD COLUMN owner VARCHAR(100);
ALTER TABLE scheduled_run ADD COLUMN claim_token VARCHAR(64);
ALTER TABLE scheduled_run ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE scheduled_run ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE scheduled_run ADD COLUMN takeovers INT DEFAULT 0 NOT NULL;
-- Days claimed before this version: whether they finished is unknown; they are past, so count them done.
UPDATE scheduled_run SET finished_at = started_at;
