//! Usernames: what may be chosen, and the form they are stored and compared in.

/// Why a username was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("a username must be 1 to 64 characters")]
    Length,
    #[error(
        "a username may contain only lowercase letters a-z, digits, '.', '_', '-' and '@', and must start with a letter or digit"
    )]
    Characters,
}

/// Parses a username: trimmed, lowercased ASCII, so that look-alike Unicode
/// names can never impersonate each other.
pub fn parse(input: &str) -> Result<String, UsernameError> {
    let name = input.trim().to_ascii_lowercase();
    if name.is_empty() || name.len() > 64 {
        return Err(UsernameError::Length);
    }
    let first_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if !first_ok
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
    {
        return Err(UsernameError::Characters);
    }
    Ok(name)
}

/// A username in its normal form (see [`parse`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses what a person typed (trimmed and lowercased, see [`parse`]).
    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        parse(input).map(Self)
    }

    /// Accepts a username only if it is already in its normal form, as
    /// stored ones are; anything else is [`UsernameError::Characters`] or
    /// [`UsernameError::Length`].
    pub fn exact(text: &str) -> Result<Self, UsernameError> {
        let name = parse(text)?;
        if name == text {
            Ok(Self(name))
        } else {
            Err(UsernameError::Characters)
        }
    }

    /// The username as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Username {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Username {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Username> for String {
    fn from(name: Username) -> Self {
        name.0
    }
}

impl PartialEq<str> for Username {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Username {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Username {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<Username> for String {
    fn eq(&self, other: &Username) -> bool {
        *self == other.0
    }
}

impl PartialEq<Username> for &str {
    fn eq(&self, other: &Username) -> bool {
        *self == other.0
    }
}

impl<'de> serde::Deserialize<'de> for Username {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::exact(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newtype_parses_and_keeps_the_normal_form() {
        let typed = Username::parse(" Alice ").unwrap();
        assert_eq!(typed.as_str(), "alice");
        assert_eq!(typed.to_string(), "alice");
        assert_eq!(Username::exact("alice"), Ok(typed.clone()));
        assert!(Username::exact("Alice").is_err());
        assert!(Username::exact(" alice").is_err());
        assert_eq!(Username::exact(""), Err(UsernameError::Length));
        let json = serde_json::to_string(&typed).unwrap();
        assert_eq!(json, "\"alice\"");
        assert_eq!(serde_json::from_str::<Username>(&json).unwrap(), typed);
        assert!(serde_json::from_str::<Username>("\"Alice\"").is_err());
    }

    #[test]
    fn the_newtype_refuses_what_parse_refuses() {
        for bad in ["", "   ", "émile", "-alice", ".alice", "al ice", "al/ice"] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
            assert!(Username::exact(bad).is_err(), "{bad:?}");
            let json = serde_json::to_string(bad).unwrap();
            assert!(serde_json::from_str::<Username>(&json).is_err(), "{bad:?}");
        }
        assert_eq!(Username::parse(&"a".repeat(65)), Err(UsernameError::Length));
        assert!(Username::parse(&"a".repeat(64)).is_ok());
        assert!(serde_json::from_str::<Username>("42").is_err());
    }

    #[test]
    fn the_newtype_reads_as_its_text() {
        let name = Username::parse("A.B_c-d@E0").unwrap();
        assert_eq!(name, "a.b_c-d@e0");
        assert_eq!(name, *"a.b_c-d@e0");
        assert_eq!(name, String::from("a.b_c-d@e0"));
        assert_eq!("a.b_c-d@e0", name);
        assert_eq!(String::from("a.b_c-d@e0"), name);
        assert_eq!(name.len(), 10);
        assert_eq!(AsRef::<str>::as_ref(&name), "a.b_c-d@e0");
        assert_eq!(format!("<{name}>"), "<a.b_c-d@e0>");
        assert_eq!(String::from(name.clone()), "a.b_c-d@e0");
        let json = serde_json::to_value(&name).unwrap();
        assert_eq!(json, serde_json::json!("a.b_c-d@e0"));
        assert_eq!(serde_json::from_value::<Username>(json).unwrap(), name);
    }

    #[test]
    fn usernames() {
        assert_eq!(parse(" Alice ").as_deref(), Ok("alice"));
        assert_eq!(parse("a.b_c-d@e").as_deref(), Ok("a.b_c-d@e"));
        assert_eq!(parse(""), Err(UsernameError::Length));
        assert_eq!(parse("аlice"), Err(UsernameError::Characters)); // Cyrillic а
        assert_eq!(parse("-x"), Err(UsernameError::Characters));
        assert_eq!(parse(&"a".repeat(65)), Err(UsernameError::Length));
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed, an accepted username is lowercase ASCII from
        /// the allowed set, so look-alikes cannot collide.
        #[test]
        fn accepted_names_are_plain_ascii(input in "\\PC{0,80}") {
            if let Ok(name) = super::parse(&input) {
                prop_assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b".-_@".contains(&b)));
                prop_assert!(!name.is_empty() && name.len() <= 64);
            }
        }
    }
}
