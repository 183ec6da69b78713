-- Logos that administrators upload for clients (admin page or admin API),
-- checked by content (PNG, JPEG, WebP, or SVG without scripts; at most
-- 32 KiB) and served by Latchkey at /branding/clients/{client_id}/logo?v=hash
-- on the sign-in and consent pages. A client's logo_uri is never fetched.
CREATE TABLE client_logos (
    client_id    TEXT PRIMARY KEY REFERENCES clients(client_id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    image        BLOB NOT NULL,
    hash         TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
);
