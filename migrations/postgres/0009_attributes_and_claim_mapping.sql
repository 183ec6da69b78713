-- Custom attributes (a JSON object of names to values) on users and groups,
-- a claim mapping per client (src/domain/claim_mapping.rs; '{}' is the
-- default behaviour), and the OIDC `claims` request parameter kept with a
-- refresh-token family so refreshed ID tokens carry what was requested.
ALTER TABLE users ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE groups ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE clients ADD COLUMN claim_mapping TEXT NOT NULL DEFAULT '{}';
ALTER TABLE refresh_tokens ADD COLUMN claims_request TEXT;
