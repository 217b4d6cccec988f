-- Work done once a day across all nodes: the first node to insert (name, day) runs it.
CREATE TABLE scheduled_run (
    name       VARCHAR(64) NOT NULL,
    run_day    DATE        NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, run_day)
);
