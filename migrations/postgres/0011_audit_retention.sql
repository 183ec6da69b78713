-- Audit filters and retention (docs/administration.md).
-- `client_id`: the relying party an event concerns, filled by audit::record
-- (the subject of a `client.*` or `consent.granted` event, else a `client_id`
-- in the details, else an actor `client:<id>`); older rows are filled the
-- same way.
-- `at` is indexed for the time filter and for purging events older than
-- LATCHKEY_AUDIT_RETENTION.
ALTER TABLE audit_events ADD COLUMN client_id TEXT;

UPDATE audit_events SET client_id = CASE
    WHEN event LIKE 'client.%' OR event = 'consent.granted' THEN subject
    WHEN details LIKE '%"client_id"%'
        AND jsonb_typeof(details::jsonb -> 'client_id') = 'string'
        THEN details::jsonb ->> 'client_id'
    WHEN actor LIKE 'client:%' THEN substr(actor, 8)
    ELSE NULL
END;

CREATE INDEX audit_events_client_idx ON audit_events(client_id);
CREATE INDEX audit_events_at_idx ON audit_events(at);
