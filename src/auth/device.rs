//! Device cookies (OWASP "Slow Down Online Guessing Attacks with Device
//! Cookies"): a browser that signed in with a password gets a cookie that
//! holds a random nonce, signed with HMAC-SHA256 together with the account's
//! userid under a key derived from the master key (the userid, not the
//! username: a renamed or deleted-and-reused username does not inherit the
//! cookies of its former holder). A later sign-in for that user from that
//! browser is counted against the device's own, larger budget instead of
//! the username's, so an attacker elsewhere cannot lock the owner out
//! ([`crate::auth::throttle`]).
//!
//! The value is `NONCE.MAC` (base64url); the userid is not in the cookie
//! but in the MAC, so a cookie only counts for the account it was issued
//! for.

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// How long a device cookie lasts (seconds): 180 days.
pub const LIFETIME_SECS: i64 = 180 * 86_400;

/// Longest cookie value looked at.
const MAX_LEN: usize = 128;

fn message(userid: &str, nonce: &str) -> Vec<u8> {
    let mut m = b"latchkey device v2\0".to_vec();
    m.extend_from_slice(userid.as_bytes());
    m.push(0);
    m.extend_from_slice(nonce.as_bytes());
    m
}

/// A new device cookie value for the account `userid`.
#[must_use]
pub fn issue(key: &hmac::Key, userid: &str) -> String {
    let nonce = crate::crypto::random_token(16);
    let tag = hmac::sign(key, &message(userid, &nonce));
    format!("{nonce}.{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

/// The nonce of `value` when it is a device cookie issued for the account
/// `userid` under `key` (constant-time check of the MAC); `None` otherwise.
#[must_use]
pub fn verify(key: &hmac::Key, userid: &str, value: &str) -> Option<String> {
    if value.len() > MAX_LEN {
        return None;
    }
    let (nonce, mac) = value.split_once('.')?;
    if nonce.is_empty()
        || !nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
    hmac::verify(key, &message(userid, nonce), &mac).ok()?;
    Some(nonce.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_verify_only_for_their_user_and_key() {
        let key = hmac::Key::new(hmac::HMAC_SHA256, b"one key");
        let other = hmac::Key::new(hmac::HMAC_SHA256, b"another key");
        let cookie = issue(&key, "alice");
        let nonce = verify(&key, "alice", &cookie).unwrap();
        assert!(cookie.starts_with(&nonce));
        assert_eq!(verify(&key, "bob", &cookie), None);
        assert_eq!(verify(&other, "alice", &cookie), None);
        assert_eq!(verify(&key, "alice", "garbage"), None);
        assert_eq!(verify(&key, "alice", &format!("x{cookie}")), None);
        let (n, mac) = cookie.split_once('.').unwrap();
        assert_eq!(verify(&key, "alice", &format!("{n}.{}", &mac[1..])), None);
        assert_ne!(issue(&key, "alice"), cookie, "a fresh nonce each time");
    }
}
