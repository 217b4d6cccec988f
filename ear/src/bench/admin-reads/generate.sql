-- Fills a DEDICATED PostgreSQL database (its schema already migrated by CS Bridge) with a portfolio for
-- the admin-read benchmark: :accounts accounts (default 100,000) with :per signals each (default 100, so
-- 10 million signals) over the last 400 days, their keys, and their current scores as the pipeline stores
-- them. Everything already in those tables is removed first. Run:
--   psql "$DB" -v accounts=100000 -v per=100 -f generate.sql
-- Signals per account: 1 account-traits (arr, plan, start date), 1 churn mark for 1 account in 20,
-- 2 NPS answers, 1 won upsell for 1 in 10, 3 tickets, the rest product events from 8 users over 8 names.
\set ON_ERROR_STOP on
\if :{?accounts} \else \set accounts 100000 \endif
\if :{?per} \else \set per 100 \endif
\timing on

TRUNCATE kpi_snapshot, score_history, account_score, signal, unmatched_signal, account_key, account_alias,
         outbox, written_value, alert, alert_snooze, alert_account_facts, inbox_event, account;

-- Today's daily rescore counts as done: the benchmark measures reads, not a rescore of every account.
DELETE FROM scheduled_run WHERE name = 'daily-rescore' AND run_day = CURRENT_DATE;
INSERT INTO scheduled_run (name, run_day, started_at) VALUES ('daily-rescore', CURRENT_DATE, now());

CREATE TEMP TABLE bench_account AS
SELECT g,
       'acct-' || lpad(g::text, 6, '0') AS id,
       date_trunc('day', now()) - interval '400 days' + (g % 30) * interval '1 day' AS first_seen,
       (1000 * (1 + (g * 7919) % 200))::double precision AS arr
FROM generate_series(1, :accounts) g;

INSERT INTO account (id, name, name_at, created_at, first_seen, signal_version)
SELECT id, 'Customer ' || g, first_seen, first_seen, first_seen, 1 FROM bench_account;

INSERT INTO account_key (kind, key_value, account_id)
SELECT 'product', id, id FROM bench_account
UNION ALL SELECT 'domain', 'customer' || g || '.example.com', id FROM bench_account
UNION ALL SELECT 'salesforce', '001BENCH' || lpad(g::text, 10, '0'), id FROM bench_account WHERE g % 2 = 0;

-- One inbox row per account holds its signals (seq 0 .. per-1), as a large batch would.
INSERT INTO inbox_event (id, source, dedupe_key, event_time, received_at, payload, signals, status, attempts, processed_at)
SELECT g, 'bench', 'bench-' || g, now(), now(), '{}', '[]', 'DONE', 1, now() FROM bench_account;
SELECT setval(pg_get_serial_sequence('inbox_event', 'id'), (SELECT max(id) FROM inbox_event));

INSERT INTO signal (inbox_id, seq, account_id, kind, occurred_at, name, user_ref, num_value, attributes)
SELECT a.g, s,
       a.id,
       CASE WHEN s = 0 THEN 'ACCOUNT_TRAITS'
            WHEN s = 1 AND a.g % 20 = 0 THEN 'ACCOUNT_TRAITS'
            WHEN s IN (2, 3) THEN 'NPS_ANSWER'
            WHEN s = 4 AND a.g % 10 = 0 THEN 'OPPORTUNITY_CLOSED'
            WHEN s IN (5, 6, 7) THEN 'TICKET_CREATED'
            ELSE 'PRODUCT_EVENT' END,
       CASE WHEN s = 0 THEN a.first_seen
            WHEN s = 1 AND a.g % 20 = 0 THEN now() - ((a.g / 20) % 300) * interval '1 day'
            ELSE a.first_seen + (s * (370.0 / :per)) * interval '1 day' + (a.g % 86400) * interval '1 second' END,
       CASE WHEN s IN (0, 1) THEN 'account'
            WHEN s IN (2, 3) THEN 'NPS Answered'
            WHEN s = 4 AND a.g % 10 = 0 THEN '006BENCH' || a.g
            WHEN s IN (5, 6, 7) THEN 't-' || a.g || '-' || s
            ELSE (ARRAY['Report Viewed', 'Dashboard Opened', 'Export Run', 'Alert Created', 'User Invited',
                        'Integration Synced', 'Search', 'Login'])[1 + (s + a.g) % 8] END,
       CASE WHEN s IN (0, 1) OR (s = 4 AND a.g % 10 = 0) THEN '' ELSE 'user-' || ((s + a.g) % 8) END,
       CASE WHEN s IN (2, 3) THEN ((a.g + s) % 11)::double precision
            WHEN s = 4 AND a.g % 10 = 0 THEN 5000 ELSE NULL END,
       CASE WHEN s = 0 THEN '{"arr":"' || a.arr::bigint || '","plan":"pro","startDate":"'
                             || to_char(a.first_seen, 'YYYY-MM-DD') || '","owner":"owner' || (a.g % 40) || '@example.com"}'
            WHEN s = 1 AND a.g % 20 = 0 THEN '{"churned":"true"}'
            WHEN s = 4 AND a.g % 10 = 0 THEN '{"type":"upsell","outcome":"won"}'
            WHEN s IN (5, 6, 7) THEN '{"priority":"normal","status":"open"}'
            ELSE '{}' END
FROM bench_account a CROSS JOIN generate_series(0, :per - 1) s
ORDER BY a.id, s;

-- The current scores, as the pipeline keeps them (the list reads these; the KPIs read the signals).
INSERT INTO account_score (account_id, health_score, band, churn_risk, onboarding_completion, segment, trend, drivers,
                           as_of, owner, arr, onboarding_state, summary, at_risk)
SELECT id, h, CASE WHEN g % 50 = 0 THEN 'Unknown' WHEN h >= 70 THEN 'Green' WHEN h >= 40 THEN 'Yellow' ELSE 'Red' END,
       r, 100, CASE WHEN arr >= 100000 THEN 'high-touch' WHEN arr >= 20000 THEN 'low-touch' ELSE 'tech-touch' END,
       (g % 21) - 10,
       '[{"measure":"Product usage","value":' || h || '.0,"contribution":-3.5,"explanation":"logins fell","inputs":{}}]',
       now(), 'owner' || (g % 40) || '@example.com', arr, 'completed',
       json_build_object('owner', 'owner' || (g % 40) || '@example.com', 'arr', arr, 'seats', 50, 'plan', 'pro',
                         'renewalDate', NULL, 'onboardingState', 'completed', 'stage', 'adopted', 'churned', g % 20 = 0)::text,
       arr * r / 100.0
FROM (SELECT g, id, arr, (g * 37) % 101 AS h, (g * 13) % 101 AS r FROM bench_account) x;

-- VACUUM too: a fresh visibility map lets counts read the narrow indexes alone (index-only scans).
VACUUM ANALYZE account; VACUUM ANALYZE account_key; VACUUM ANALYZE account_score; ANALYZE signal; ANALYZE inbox_event;
SELECT (SELECT count(*) FROM account) AS accounts, (SELECT count(*) FROM signal) AS signals,
       pg_size_pretty(pg_database_size(current_database())) AS database_size;
