-- Branding a client shows on the consent page (links; the logo is never
-- loaded from its host, see docs/security.md): absolute https URLs (http
-- only for localhost), validated in src/manage/clients.rs.
ALTER TABLE clients ADD COLUMN logo_uri TEXT;
ALTER TABLE clients ADD COLUMN client_uri TEXT;
ALTER TABLE clients ADD COLUMN policy_uri TEXT;
ALTER TABLE clients ADD COLUMN tos_uri TEXT;
