-- Issue 12 item 5: the accounts list is filtered, ordered and paged in SQL on the stored current scores.
-- at_risk is ARR x churn risk / 100 (the at-risk order), written with each score.
ALTER TABLE account_score ADD COLUMN at_risk DOUBLE PRECISION;
UPDATE account_score SET at_risk = COALESCE(arr, 0) * churn_risk / 100.0;
CREATE INDEX ix_score_at_risk ON account_score (at_risk DESC, account_id ASC);
CREATE INDEX ix_score_health ON account_score (health_score, account_id);
CREATE INDEX ix_score_risk ON account_score (churn_risk, account_id);
CREATE INDEX ix_score_arr ON account_score (arr ASC NULLS FIRST, account_id ASC);
-- Narrow, so that counting a filtered list reads this index, not the wide score rows.
CREATE INDEX ix_score_filters ON account_score (band, onboarding_state, segment, owner);
-- The usual views: a band by health or at-risk order, a segment (tiers of ARR) by ARR or at-risk order, an owner's accounts.
CREATE INDEX ix_score_band_health ON account_score (band, health_score, account_id);
CREATE INDEX ix_score_band_at_risk ON account_score (band, at_risk DESC, account_id ASC);
CREATE INDEX ix_score_segment_arr ON account_score (segment, arr ASC NULLS FIRST, account_id ASC);
CREATE INDEX ix_score_segment_at_risk ON account_score (segment, at_risk DESC, account_id ASC);
CREATE INDEX ix_score_owner ON account_score (owner, churn_risk, account_id);
CREATE INDEX ix_account_first_seen ON account (first_seen);
