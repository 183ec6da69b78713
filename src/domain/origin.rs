//! Browser origins (RFC 6454) a client may call the token, userinfo and
//! revocation endpoints from (CORS, `http::cors`).
//!
//! An origin is `scheme://host[:port]` with no path, query or fragment:
//! `https` for every host, `http` only for loopback hosts (`localhost`,
//! `127.0.0.0/8`, `[::1]`), as for redirect URIs. Origins are kept in the
//! form browsers send in the `Origin` header (the `url` crate's ASCII
//! serialization: lower-case host, punycode, no default port), so matching
//! is exact string comparison.

use url::Url;

use super::redirect_uri::is_loopback;

/// Longest origin accepted.
pub const MAX_LEN: usize = 300;

/// The origin of `url` when a browser app there may be allowed: `https`,
/// or `http` on a loopback host; `None` otherwise (private-use schemes of
/// native apps have no web origin).
#[must_use]
pub fn of_url(url: &Url) -> Option<String> {
    let host = url.host()?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        _ => return None,
    }
    let origin = url.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// The origin of a registered redirect URI (see [`of_url`]).
#[must_use]
pub fn of_redirect_uri(uri: &str) -> Option<String> {
    Url::parse(uri).ok().as_ref().and_then(of_url)
}

/// Checks an origin an administrator gave (`--allowed-origin`,
/// `allowed_origins`): `scheme://host[:port]`, a trailing `/` tolerated;
/// returns it normalized.
pub fn check(origin: &str) -> Result<String, String> {
    let text = origin.trim();
    let bad = |why: &str| Err(format!("allowed origin {text:?}: {why}"));
    if text.len() > MAX_LEN {
        return bad(&format!("at most {MAX_LEN} characters"));
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("no spaces or control characters");
    }
    let Ok(url) = Url::parse(text) else {
        return bad("not an origin such as https://app.example");
    };
    if !url.username().is_empty() || url.password().is_some() {
        return bad("must not contain a user name or password");
    }
    let bare = text.strip_suffix('/').unwrap_or(text);
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() || bare.ends_with('/')
    {
        return bad("an origin has no path, query or fragment (scheme://host[:port])");
    }
    if bare.contains('?') || bare.contains('#') {
        return bad("an origin has no path, query or fragment (scheme://host[:port])");
    }
    match of_url(&url) {
        Some(origin) => Ok(origin),
        None => bad("must use https (http only for localhost and loopback addresses)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_redirect_uris() {
        assert_eq!(
            of_redirect_uri("https://App.Example/cb?x=1").as_deref(),
            Some("https://app.example")
        );
        assert_eq!(
            of_redirect_uri("https://app.example:443/cb").as_deref(),
            Some("https://app.example")
        );
        assert_eq!(
            of_redirect_uri("https://app.example:8443/cb").as_deref(),
            Some("https://app.example:8443")
        );
        assert_eq!(
            of_redirect_uri("http://localhost:3000/cb").as_deref(),
            Some("http://localhost:3000")
        );
        assert_eq!(
            of_redirect_uri("http://[::1]:3000/cb").as_deref(),
            Some("http://[::1]:3000")
        );
        assert_eq!(of_redirect_uri("http://app.example/cb"), None);
        assert_eq!(of_redirect_uri("com.example.app:/cb"), None);
        assert_eq!(of_redirect_uri("not a uri"), None);
    }

    #[test]
    fn administrators_give_bare_origins() {
        assert_eq!(
            check("https://SPA.example/").as_deref(),
            Ok("https://spa.example")
        );
        assert_eq!(
            check(" https://spa.example:8443 ").as_deref(),
            Ok("https://spa.example:8443")
        );
        assert_eq!(
            check("http://127.0.0.1:5173").as_deref(),
            Ok("http://127.0.0.1:5173")
        );
        for bad in [
            "https://spa.example/app",
            "https://spa.example/?x=1",
            "https://spa.example#f",
            "https://spa.example//",
            "http://spa.example",
            "https://user@spa.example",
            "spa.example",
            "ftp://spa.example",
            "*",
            "null",
            "",
        ] {
            assert!(check(bad).is_err(), "{bad} was accepted");
        }
    }
}
