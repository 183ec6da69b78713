-- A client an administrator marked as a resource server may introspect
-- tokens issued to other clients (src/http/oidc/token.rs::introspect_post).
ALTER TABLE clients ADD COLUMN resource_server INTEGER NOT NULL DEFAULT 0;
