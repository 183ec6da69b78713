//! How a client authenticates at the token, revocation, introspection and
//! other back-channel endpoints (the `token_endpoint_auth_method` of RFC
//! 7591 §2).

/// A client's authentication method, as it follows from its registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// A public client: no authentication (`client_id` only, PKCE).
    None,
    /// A secret sent with HTTP Basic (or, equally accepted,
    /// `client_secret_post`); the secret is stored only as a hash.
    ClientSecretBasic,
    /// A JWT signed with HS256 under the client's secret, which is stored
    /// sealed with a key derived from the master key (Latchkey's option
    /// for the clients that opt in; the secret works for nothing else).
    ClientSecretJwt,
    /// A JWT signed with one of the client's registered public keys.
    PrivateKeyJwt,
}

impl AuthMethod {
    /// The RFC 7591 name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::ClientSecretBasic => "client_secret_basic",
            Self::ClientSecretJwt => "client_secret_jwt",
            Self::PrivateKeyJwt => "private_key_jwt",
        }
    }
}

impl std::fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
