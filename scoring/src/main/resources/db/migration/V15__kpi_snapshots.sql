-- Issue 12 item 5: the portfolio KPIs of a moment, stored once computed (in the background for a large
-- portfolio), so that the KPI and trend reads do not re-read every signal. One row per moment and model version.
CREATE TABLE kpi_snapshot (
    as_of         TIMESTAMP WITH TIME ZONE NOT NULL,
    model_version VARCHAR(64)  NOT NULL,
    computed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accounts      INT          NOT NULL,
    last_signal   BIGINT       DEFAULT 0 NOT NULL, -- the newest signal (id) the computation could see
    body          VARCHAR      NOT NULL,   -- the KpiReport as JSON (CONTRACT §5)
    PRIMARY KEY (as_of, model_version)
);
CREATE INDEX ix_kpi_snapshot_latest ON kpi_snapshot (model_version, as_of);
