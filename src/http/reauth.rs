//! Recent sign-in for sensitive changes (OWASP ASVS 3.7.1).
//!
//! Adding or removing a passkey, setting, changing or removing a password,
//! changing the e-mail address, signing out other sessions and every change
//! in the admin UI need a sign-in at most `LATCHKEY_REAUTH_WINDOW` old (the
//! session's `auth_time`). Otherwise a form is answered with a redirect to
//! `/login?next=<path>`, which asks the same person for their password or a
//! passkey (the username is filled in and locked) and then returns to
//! `<path>`; the JSON endpoints of the account page's passkey script answer
//! 401 with `{"error", "reauthenticate": "/login?next=…"}`, which the script
//! follows.
//!
//! `next` is only ever a local path (see [`local_path`]), so the sign-in
//! page is no open redirector. A sign-in by another user than the one whose
//! session asked replaces that session (as every sign-in does) and goes to
//! `/account`, not to `next`.

use axum::http::{HeaderMap, header};

use super::AppState;
use super::session::SignedIn;
use crate::clock::secs;

/// Longest `next` path accepted.
const MAX_PATH: usize = 512;

/// Whether the session's sign-in is recent enough for a sensitive change.
#[must_use]
pub fn is_recent(state: &AppState, signed: &SignedIn) -> bool {
    state.clock.now() < signed.session.auth_time + secs(state.settings.reauth_window)
}

/// `raw` if it is a path on this server: starts with exactly one `/` (not
/// `//host` or `/\host`, which browsers read as another host), holds only
/// visible ASCII without backslashes, and is not too long.
#[must_use]
pub fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.len() <= MAX_PATH
        && raw.starts_with('/')
        && !raw.starts_with("//")
        && raw.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    ok.then_some(raw)
}

/// The sign-in page that confirms it is still the same person, then
/// returns to `next` (`/account` when `next` is not a local path).
#[must_use]
pub fn login_url(next: &str) -> String {
    let next = local_path(next).unwrap_or("/account");
    let encoded: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("/login?next={encoded}")
}

/// Where a refused form should come back to: the page it was posted from
/// (the same-origin `Referer`), else `fallback`.
#[must_use]
pub fn return_path(state: &AppState, headers: &HeaderMap, fallback: &str) -> String {
    let from = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.strip_prefix(state.settings.issuer.as_str()))
        .and_then(local_path);
    from.unwrap_or(fallback).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_accepted() {
        for good in ["/", "/account", "/admin/users/abc?offset=25", "/a/b%2F%2Fc"] {
            assert_eq!(local_path(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "account",
            "//evil.example",
            "//evil.example/account",
            "/\\evil.example",
            "/\\/evil.example",
            "/account\\..\\x",
            "https://evil.example/",
            "javascript:alert(1)",
            "/a b",
            "/a\tb",
            "/a\r\nLocation: x",
            "/ü",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(MAX_PATH))), None);
    }

    #[test]
    fn login_urls_carry_an_encoded_local_path() {
        assert_eq!(login_url("/account"), "/login?next=%2Faccount");
        assert_eq!(
            login_url("/admin/users?offset=25&q=x"),
            "/login?next=%2Fadmin%2Fusers%3Foffset%3D25%26q%3Dx"
        );
        assert_eq!(login_url("//evil.example"), "/login?next=%2Faccount");
    }
}
