-- Issue 12: an event that fails is retried with backoff and parked (FAILED) only after its attempts run out.
-- NULL: due now. An event is claimed only once its next attempt is due.
ALTER TABLE inbox_event ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
