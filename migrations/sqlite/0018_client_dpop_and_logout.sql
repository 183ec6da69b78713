-- Sender-constrained tokens (RFC 9449): the client's tokens must be
-- DPoP-bound; /token refuses requests without a DPoP proof.
ALTER TABLE clients ADD COLUMN require_dpop INTEGER NOT NULL DEFAULT 0;
-- OpenID Connect Back-Channel Logout 1.0: where logout tokens are POSTed
-- (registered by an administrator only), and whether the client needs the
-- sid claim in them.
ALTER TABLE clients ADD COLUMN backchannel_logout_uri TEXT;
ALTER TABLE clients ADD COLUMN backchannel_logout_session_required INTEGER NOT NULL DEFAULT 0;
