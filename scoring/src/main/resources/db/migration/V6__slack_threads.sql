-- Slack memory that must outlive a restart and be shared by every node.

-- The thread of each alert: the first message posted for an alert key (the alert's dedupe key, rule + account)
-- in a channel starts it; later alerts with the same key reply in it (pipeline/AlertThreadStore).
CREATE TABLE slack_thread (
    channel    VARCHAR(255) NOT NULL,     -- the channel as CS Bridge posts to it (slack.alert-channel or the write's)
    thread_key VARCHAR(500) NOT NULL,     -- the alert's dedupe key
    thread_ts  VARCHAR(64)  NOT NULL,     -- ts of the first message: the thread_ts of the follow-ups
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, thread_key)
);

-- What users.lookupByEmail answered for an owner's e-mail address, found or not, and when; read again only
-- after slack.user-lookup-ttl-hours (pipeline/SlackUserLookupStore).
CREATE TABLE slack_user_lookup (
    email         VARCHAR(320) PRIMARY KEY, -- trimmed, lower case
    slack_user_id VARCHAR(64),              -- null: Slack has no (active) user with this address
    looked_up_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
