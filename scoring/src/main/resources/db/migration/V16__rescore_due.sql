-- Issue 12 item 7: an event stamped in the future (up to 5 minutes ahead is accepted) is scored when it comes
-- due: the processor records the account and the time, and rescores it then (any node; rows are claimed).
CREATE TABLE rescore_due (
    account_id VARCHAR(255) NOT NULL,
    due_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, due_at)
);
CREATE INDEX ix_rescore_due_at ON rescore_due (due_at);
