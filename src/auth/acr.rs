//! How a person signed in, as the tokens say it: authentication context
//! classes (`acr`, the levels below) and methods (`amr`, RFC 8176 values).
//!
//! Levels, lowest first (advertised as `acr_values_supported`):
//! - `"1"`: one factor, a password.
//! - `"2"`: two factors: a passkey with user verification (possession of
//!   the key plus the PIN or biometric that unlocked it), or a password
//!   with a second factor (an authenticator code or a backup code:
//!   [`super::second_step`]), at sign-in or as a step-up of a password
//!   session.
//!
//! A session records the level and methods of the sign-in that started it
//! (a step-up replaces the session with one at the new level).

/// A level of assurance of a sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A password.
    OneFactor,
    /// A user-verified passkey, or a password with a second factor.
    TwoFactors,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Self; 2] = [Self::OneFactor, Self::TwoFactors];

    /// The `acr` value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::OneFactor => "1",
            Self::TwoFactors => "2",
        }
    }

    /// The level an `acr` value names, if it is one of ours.
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == value)
    }
}

/// The values of `acr_values_supported`.
#[must_use]
pub fn supported() -> Vec<&'static str> {
    Level::ALL.iter().map(|l| l.as_str()).collect()
}

/// The level an `acr_values` request asks for: the lowest of the values it
/// lists that are ours (any one of them satisfies the request). Values we
/// do not know are ignored (OpenID Connect makes `acr_values` voluntary);
/// `None` when nothing we know is asked.
#[must_use]
pub fn requested(acr_values: Option<&str>) -> Option<Level> {
    acr_values?.split(' ').filter_map(Level::parse).min()
}

/// Whether a session whose `acr` is `session_acr` reaches `wanted`.
#[must_use]
pub fn reaches(session_acr: &str, wanted: Level) -> bool {
    Level::parse(session_acr).is_some_and(|have| have >= wanted)
}

/// `amr` of a password sign-in.
#[must_use]
pub fn password_amr() -> Vec<String> {
    vec!["pwd".to_owned()]
}

/// `amr` of a passkey sign-in with user verification (the only kind
/// accepted): `hwk` for a device-bound key, `swk` for one that may be
/// synced between devices (backup eligible); `user` because the person was
/// verified, not only present; `mfa` because that is two factors.
#[must_use]
pub fn passkey_amr(backup_eligible: bool) -> Vec<String> {
    let key = if backup_eligible { "swk" } else { "hwk" };
    vec![key.to_owned(), "user".to_owned(), "mfa".to_owned()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_takes_the_lowest_known_value() {
        assert_eq!(requested(None), None);
        assert_eq!(requested(Some("urn:x gold")), None);
        assert_eq!(requested(Some("2")), Some(Level::TwoFactors));
        assert_eq!(requested(Some("2 1")), Some(Level::OneFactor));
        assert_eq!(requested(Some("urn:x 2")), Some(Level::TwoFactors));
    }

    #[test]
    fn reaching_a_level() {
        assert!(reaches("2", Level::OneFactor));
        assert!(reaches("2", Level::TwoFactors));
        assert!(!reaches("1", Level::TwoFactors));
        assert!(!reaches("0", Level::OneFactor));
        assert!(!reaches("", Level::OneFactor));
    }
}
