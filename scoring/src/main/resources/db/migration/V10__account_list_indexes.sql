-- Issue 12 item 5: the accounts list is filtered, ordered and paged in SQL on the stored current scores.
-- at_risk is ARR x churn risk / 100 (the at-risk order), written with each score.
ALTER TABLE account_score ADD COLUMN at_risk DOUBLE PRECISION;
UPDATE account_score SET at_risk = COALESCE(arr, 0) * churn_risk / 100.0;
CREATE INDEX ix_score_at_risk ON account_score (at_risk, account_id);
CREATE INDEX ix_score_health ON account_score (health_score, account_id);
CREATE INDEX ix_score_risk ON account_score (churn_risk, account_id);
CREATE INDEX ix_score_arr ON account_score (arr, account_id);
CREATE INDEX ix_score_band ON account_score (band);
CREATE INDEX ix_score_segment ON account_score (segment);
CREATE INDEX ix_score_owner ON account_score (owner);
CREATE INDEX ix_account_first_seen ON account (first_seen);
