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

#[cfg(test)]
mod tests {
    use super::*;

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
