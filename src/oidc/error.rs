//! OAuth 2.0 errors (RFC 6749 §5.2, RFC 6750 §3), independent of HTTP types.

use crate::audit::Event;

/// An OAuth error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub status: u16,
    pub error: &'static str,
    pub description: String,
    /// `WWW-Authenticate` value to send, if any.
    pub www_authenticate: Option<String>,
    /// `Retry-After` seconds, for throttled requests.
    pub retry_after: Option<u64>,
    /// `DPoP-Nonce` to send (RFC 9449 §8), with `use_dpop_nonce`.
    pub dpop_nonce: Option<String>,
    /// A refusal that belongs in the audit log (a replayed code, a reused
    /// refresh token): the HTTP layer records it with the client and its
    /// address. Never sent.
    pub audit: Option<Box<AuditNote>>,
}

/// What to record in the audit log about a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditNote {
    /// What happened, e.g. [`Event::CodeReplayed`].
    pub event: Event,
    /// Whom it concerns (a userid), when known.
    pub subject: Option<String>,
}

impl OAuthError {
    fn new(status: u16, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
            www_authenticate: None,
            retry_after: None,
            dpop_nonce: None,
            audit: None,
        }
    }

    /// Marks the refusal for the audit log as `event` concerning `subject`.
    #[must_use]
    pub fn audited(mut self, event: Event, subject: Option<&str>) -> Self {
        self.audit = Some(Box::new(AuditNote {
            event,
            subject: subject.map(str::to_owned),
        }));
        self
    }

    #[must_use]
    pub fn invalid_request(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_request", d)
    }

    /// Client authentication failed: 401 with a Basic challenge.
    #[must_use]
    pub fn invalid_client(d: impl Into<String>) -> Self {
        let mut e = Self::new(401, "invalid_client", d);
        e.www_authenticate = Some("Basic realm=\"latchkey\"".into());
        e
    }

    #[must_use]
    pub fn invalid_grant(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_grant", d)
    }

    #[must_use]
    pub fn unauthorized_client(d: impl Into<String>) -> Self {
        Self::new(400, "unauthorized_client", d)
    }

    #[must_use]
    pub fn unsupported_grant_type(d: impl Into<String>) -> Self {
        Self::new(400, "unsupported_grant_type", d)
    }

    #[must_use]
    pub fn invalid_scope(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_scope", d)
    }

    /// RFC 7591 §3.2.2: a redirect URI of the metadata is not acceptable.
    #[must_use]
    pub fn invalid_redirect_uri(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_redirect_uri", d)
    }

    /// RFC 7591 §3.2.2: a metadata value is invalid or not allowed.
    #[must_use]
    pub fn invalid_client_metadata(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_client_metadata", d)
    }

    /// Too many requests from one address: 429 with `Retry-After`.
    #[must_use]
    pub fn too_many_requests(d: impl Into<String>, retry_after: u64) -> Self {
        let mut e = Self::new(429, "invalid_request", d);
        e.retry_after = Some(retry_after);
        e
    }

    #[must_use]
    pub fn unsupported_token_type(d: impl Into<String>) -> Self {
        Self::new(400, "unsupported_token_type", d)
    }

    /// A bearer token was refused (RFC 6750): 401 with the error in the challenge.
    #[must_use]
    pub fn invalid_token(d: impl Into<String>) -> Self {
        let d = d.into();
        let mut e = Self::new(401, "invalid_token", d.clone());
        e.www_authenticate = Some(format!(
            "Bearer realm=\"latchkey\", error=\"invalid_token\", error_description=\"{}\"",
            d.replace(['"', '\\'], "")
        ));
        e
    }

    /// No bearer token at all (RFC 6750 §3.1: no error code in the challenge).
    #[must_use]
    pub fn missing_token() -> Self {
        let mut e = Self::new(401, "invalid_request", "a bearer access token is required");
        e.www_authenticate = Some("Bearer realm=\"latchkey\"".into());
        e
    }

    #[must_use]
    pub fn insufficient_scope(d: impl Into<String>) -> Self {
        let d = d.into();
        let mut e = Self::new(403, "insufficient_scope", d.clone());
        e.www_authenticate = Some(format!(
            "Bearer realm=\"latchkey\", error=\"insufficient_scope\", error_description=\"{}\"",
            d.replace(['"', '\\'], "")
        ));
        e
    }

    /// A DPoP proof at the token endpoint was missing or refused (RFC 9449 §5).
    #[must_use]
    pub fn invalid_dpop_proof(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_dpop_proof", d)
    }

    /// The token endpoint wants a DPoP proof with this server nonce
    /// (RFC 9449 §8): 400 with a `DPoP-Nonce` header.
    #[must_use]
    pub fn use_dpop_nonce(nonce: Option<String>) -> Self {
        let mut e = Self::new(
            400,
            "use_dpop_nonce",
            "a DPoP nonce from the server is required",
        );
        e.dpop_nonce = nonce;
        e
    }

    /// A protected resource's refusal (401) with its `WWW-Authenticate`
    /// challenge (RFC 6750 §3, RFC 9449 §7.1).
    #[must_use]
    pub fn unauthorized(error: &'static str, d: impl Into<String>, challenge: String) -> Self {
        let mut e = Self::new(401, error, d);
        e.www_authenticate = Some(challenge);
        e
    }

    /// Too many failed attempts from one address.
    #[must_use]
    pub fn slow_down(retry_after: u64) -> Self {
        let mut e = Self::new(
            429,
            "slow_down",
            format!("too many failed attempts; retry after {retry_after} seconds"),
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// RFC 8628 §3.5: the person has not decided yet; poll again.
    #[must_use]
    pub fn authorization_pending(d: impl Into<String>) -> Self {
        Self::new(400, "authorization_pending", d)
    }

    /// RFC 8628 §3.5: polled faster than the interval (a 400 like every
    /// token error, unlike the throttling [`OAuthError::slow_down`]).
    #[must_use]
    pub fn poll_too_fast(d: impl Into<String>) -> Self {
        Self::new(400, "slow_down", d)
    }

    /// The person (or the client's access policy) refused the request.
    #[must_use]
    pub fn access_denied(d: impl Into<String>) -> Self {
        Self::new(400, "access_denied", d)
    }

    /// RFC 8628 §3.5: the device code has expired.
    #[must_use]
    pub fn expired_token(d: impl Into<String>) -> Self {
        Self::new(400, "expired_token", d)
    }

    /// An internal failure; `detail` is logged, never sent.
    #[must_use]
    pub fn server_error(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(
            500,
            "server_error",
            "the server could not complete the request",
        )
    }
}

impl From<crate::db::DbError> for OAuthError {
    fn from(e: crate::db::DbError) -> Self {
        Self::server_error(e)
    }
}

impl From<super::tokens::TokenError> for OAuthError {
    /// A refused bearer token is `invalid_token`; a storage or key failure
    /// while checking it is `server_error` (logged, never sent).
    fn from(e: super::tokens::TokenError) -> Self {
        use super::tokens::TokenError;
        match e {
            TokenError::Db(e) => Self::server_error(e),
            TokenError::Key(e) => Self::server_error(e),
            refused => Self::invalid_token(refused.to_string()),
        }
    }
}

impl From<super::keys::KeyError> for OAuthError {
    fn from(e: super::keys::KeyError) -> Self {
        Self::server_error(e)
    }
}
