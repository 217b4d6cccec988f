-- In-app nudges (CONTRACT §7). The definitions are versioned settings (settings_version, name 'nudges').
-- Who entered each nudge's experiment, and in which arm: SHOWN (the user was served it) or HOLDOUT
-- (targeted, but held out by the stable hash). Results compare the goal reached after first_at in each arm.
CREATE TABLE nudge_exposure (
    nudge_id   VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(255) NOT NULL,
    account_id VARCHAR(255) NOT NULL,
    arm        VARCHAR(16)  NOT NULL,
    first_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (nudge_id, user_id)
);
CREATE INDEX ix_nudge_exposure_account ON nudge_exposure (account_id);
