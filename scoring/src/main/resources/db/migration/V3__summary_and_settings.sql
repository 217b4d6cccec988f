-- What lists filter and sort by, stored with each score (owner, ARR, onboarding state ...), as JSON
-- and in columns for the filters people use most.
ALTER TABLE account_score ADD COLUMN owner VARCHAR(255);
ALTER TABLE account_score ADD COLUMN arr DOUBLE PRECISION;
ALTER TABLE account_score ADD COLUMN onboarding_state VARCHAR(32);
ALTER TABLE account_score ADD COLUMN summary VARCHAR;

-- Versioned configuration (the scoring model with its onboarding plans, the alert rules): every
-- change is a new version; the highest version is in force; older ones are the history.
CREATE TABLE settings_version (
    name       VARCHAR(64)  NOT NULL,   -- scoring, alert-rules
    version    INT          NOT NULL,
    body       VARCHAR      NOT NULL,   -- JSON
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    note       VARCHAR(1000),
    PRIMARY KEY (name, version)
);
