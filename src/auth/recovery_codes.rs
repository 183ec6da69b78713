//! Recovery codes: ten random codes a signed-in user creates on `/account`
//! and keeps somewhere safe. One of them, with the username, is a way back
//! into the account when every passkey and the password are lost
//! ([`crate::manage::use_recovery_code`]).
//!
//! A code alone hands over the account, so it is long: 20 characters from
//! an alphabet without look-alikes (about 99 bits), shown as four groups of
//! five. Only the SHA-256 of the normalised code, bound to the userid and
//! to its purpose, is stored; each code is spent with one conditional
//! UPDATE, so it works once even when two requests race.

use rand::Rng;

use crate::crypto::hash_secret;

/// How many recovery codes a user gets at a time.
pub const RECOVERY_CODES: usize = 10;
/// Characters of recovery codes: lowercase letters and digits without the
/// look-alikes `0 o 1 l i` (31 characters).
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Characters in one code (shown as four groups of five): 20 × log2(31)
/// ≈ 99 bits.
const CODE_LEN: usize = 20;
/// Longer input is refused before any work is done.
pub const MAX_INPUT: usize = 64;

/// Ten fresh codes, `xxxxx-xxxxx-xxxxx-xxxxx`.
#[must_use]
pub fn new_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: Vec<char> = (0..CODE_LEN)
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect();
            chars
                .chunks(5)
                .map(|group| group.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// A code as typed, without spaces and dashes, in lower case; `None` when
/// it cannot be a recovery code (wrong length or characters), so nothing is
/// looked up for it.
#[must_use]
pub fn normalize(code: &str) -> Option<String> {
    if code.len() > MAX_INPUT {
        return None;
    }
    let clean: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (clean.len() == CODE_LEN && clean.bytes().all(|b| ALPHABET.contains(&b))).then_some(clean)
}

/// What is stored of a code: the SHA-256 of the normalised code, bound to
/// the userid and to recovery (a backup code of the same characters never
/// matches).
#[must_use]
pub fn code_hash(userid: &str, normalized: &str) -> String {
    hash_secret(&format!("recovery:{userid}:{normalized}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_distinct_and_easy_to_type() {
        let codes = new_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 23, "{code}");
            assert_eq!(code.matches('-').count(), 3, "{code}");
            assert!(normalize(code).is_some(), "{code}");
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
    }

    #[test]
    fn typing_is_forgiven_but_not_the_alphabet() {
        let code = "abcde-fghjk-mnpqr-stuvw";
        assert_eq!(
            normalize("ABCDE FGHJK mnpqr-stuvw").as_deref(),
            Some("abcdefghjkmnpqrstuvw")
        );
        assert_eq!(normalize(code), normalize("abcdefghjkmnpqrstuvw"));
        // Look-alikes, wrong lengths and overlong input are not codes.
        assert_eq!(normalize("abcde-fghjk-mnpqr-stuv0"), None);
        assert_eq!(normalize("abcde-fghjk"), None);
        assert_eq!(normalize(&"a".repeat(65)), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn hashes_are_bound_to_the_user() {
        let code = "abcdefghjkmnpqrstuvw";
        assert_ne!(code_hash("u", code), code_hash("v", code));
        assert_eq!(code_hash("u", code), code_hash("u", code));
    }
}
