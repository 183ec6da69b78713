//! Client identifiers (RFC 6749 §2.2).
//!
//! Latchkey issues them as base64url of 18 random bytes; what is accepted
//! is wider: 1 to [`MAX_LEN`] characters from the URI unreserved set
//! (`A-Z a-z 0-9 - . _ ~`, RFC 3986 §2.3), so an id is safe in a URL path,
//! a query, a Basic credential and an HTML attribute without escaping.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

/// Longest client id accepted.
pub const MAX_LEN: usize = 128;

/// A client id that satisfies the rules above.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ClientId(String);

/// Why a text is not a client id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientIdError {
    #[error("a client id must be 1 to {MAX_LEN} characters")]
    Length,
    #[error("a client id may contain only letters, digits, '-', '.', '_' and '~'")]
    Characters,
}

impl ClientId {
    /// Parses a client id.
    pub fn parse(text: &str) -> Result<Self, ClientIdError> {
        if text.is_empty() || text.len() > MAX_LEN {
            return Err(ClientIdError::Length);
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
        {
            return Err(ClientIdError::Characters);
        }
        Ok(Self(text.to_owned()))
    }

    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for ClientId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ClientId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ClientId {
    type Err = ClientIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<ClientId> for String {
    fn from(id: ClientId) -> Self {
        id.0
    }
}

impl PartialEq<str> for ClientId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ClientId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for ClientId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<ClientId> for str {
    fn eq(&self, other: &ClientId) -> bool {
        self == other.0
    }
}

impl PartialEq<ClientId> for &str {
    fn eq(&self, other: &ClientId) -> bool {
        *self == other.0
    }
}

impl PartialEq<ClientId> for String {
    fn eq(&self, other: &ClientId) -> bool {
        *self == other.0
    }
}

impl<'de> serde::Deserialize<'de> for ClientId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids() {
        for ok in [
            "spa",
            "a",
            "Zx-9._~",
            "kJ3q_0-Abc123xyzAbc123xy",
            &"a".repeat(MAX_LEN),
        ] {
            let id = ClientId::parse(ok).unwrap();
            assert_eq!(id.as_str(), ok);
            assert_eq!(id.to_string(), ok);
            assert_eq!(ok.parse::<ClientId>(), Ok(id));
        }
        assert_eq!(ClientId::parse(""), Err(ClientIdError::Length));
        assert_eq!(
            ClientId::parse(&"a".repeat(MAX_LEN + 1)),
            Err(ClientIdError::Length)
        );
        for bad in ["a b", "a/b", "a:b", "a%20", "é", "a\"", "<x>", "a\n"] {
            assert_eq!(
                ClientId::parse(bad),
                Err(ClientIdError::Characters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn serde_is_the_bare_string_and_checks_on_the_way_in() {
        let id = ClientId::parse("wiki").unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"wiki\"");
        assert_eq!(serde_json::from_str::<ClientId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ClientId>("\"a b\"").is_err());
    }

    #[test]
    fn issued_ids_are_accepted() {
        for _ in 0..100 {
            let issued = crate::crypto::random_token(18);
            assert!(ClientId::parse(&issued).is_ok(), "{issued}");
        }
    }
}
