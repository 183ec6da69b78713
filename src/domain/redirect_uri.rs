//! Redirect URIs: which ones a client may register, and when a presented one
//! matches a registered one.
//!
//! - `https` for every host; `http` only for loopback hosts (`localhost`,
//!   `127.0.0.0/8`, `[::1]`), RFC 8252 §7.3 and RFC 9700 §2.6;
//! - private-use schemes of native apps in reverse-DNS form
//!   (`com.example.app:/cb`, RFC 8252 §7.1);
//! - never a fragment, credentials, or a script-like scheme.
//!
//! Matching is exact string comparison, except that for a loopback IP
//! literal (`http://127.0.0.1/cb`, `http://[::1]/cb`) any port matches
//! (RFC 8252 §7.3: the app picks its port when it runs).

use std::net::IpAddr;

use url::{Host, Url};

/// Longest redirect URI accepted at registration.
pub const MAX_LEN: usize = 2000;

/// Schemes never accepted, even with a dot in them.
const FORBIDDEN_SCHEMES: &[&str] = &[
    "javascript",
    "data",
    "file",
    "vbscript",
    "blob",
    "about",
    "filesystem",
];

/// Why a redirect URI cannot be registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectUriError {
    #[error("{0:?} is not an absolute URI")]
    NotAbsolute(String),
    #[error("{0:?} is too long")]
    TooLong(String),
    #[error("{0:?} must not have a fragment")]
    Fragment(String),
    #[error("{0:?} must not contain a user name or password")]
    Credentials(String),
    #[error("{0:?} has a forbidden scheme")]
    ForbiddenScheme(String),
    #[error("{0:?} has no host")]
    NoHost(String),
    #[error("{0:?} uses http: only loopback hosts (localhost, 127.0.0.1, [::1]) may; use https")]
    InsecureHttp(String),
    #[error(
        "{0:?} has a scheme that is neither https nor a private-use scheme in reverse-DNS form (com.example.app:/callback)"
    )]
    UnknownScheme(String),
}

/// Whether `host` is a loopback host: `localhost`, `127.0.0.0/8` or `::1`.
pub(crate) fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// Whether `url` is `http` on a loopback IP literal (any port matches).
fn is_loopback_ip_literal(url: &Url) -> bool {
    url.scheme() == "http"
        && match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            _ => false,
        }
}

/// Checks a redirect URI for registration; returns it as given.
pub fn check(uri: &str) -> Result<String, RedirectUriError> {
    let owned = || uri.to_owned();
    if uri.len() > MAX_LEN {
        return Err(RedirectUriError::TooLong(owned()));
    }
    let parsed = Url::parse(uri).map_err(|_| RedirectUriError::NotAbsolute(owned()))?;
    if parsed.fragment().is_some() || uri.contains('#') {
        return Err(RedirectUriError::Fragment(owned()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(RedirectUriError::Credentials(owned()));
    }
    let scheme = parsed.scheme();
    if FORBIDDEN_SCHEMES.contains(&scheme) {
        return Err(RedirectUriError::ForbiddenScheme(owned()));
    }
    match scheme {
        "https" => {
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(RedirectUriError::NoHost(owned()));
            }
        }
        "http" => match parsed.host() {
            None => return Err(RedirectUriError::NoHost(owned())),
            Some(h) if is_loopback(&h) => {}
            Some(_) => return Err(RedirectUriError::InsecureHttp(owned())),
        },
        // A private-use scheme: reverse DNS of a domain the app's author
        // controls, so it names something (RFC 8252 §7.1).
        other if other.contains('.') => {}
        _ => return Err(RedirectUriError::UnknownScheme(owned())),
    }
    Ok(uri.to_owned())
}

/// Whether the `presented` redirect URI matches the `registered` one:
/// exactly, or for a loopback IP literal with any port (path and query
/// exact). A registered URI that these rules refuse (stored before they
/// existed, e.g. `http://` on a public host) matches nothing.
#[must_use]
pub fn matches(registered: &str, presented: &str) -> bool {
    if check(registered).is_err() {
        return false;
    }
    if registered == presented {
        return true;
    }
    let (Ok(reg), Ok(mut pre)) = (Url::parse(registered), Url::parse(presented)) else {
        return false;
    };
    // Only a presented URI already in canonical form is compared, so that
    // no normalisation (dot segments, case, escapes) can widen the match.
    if pre.as_str() != presented || pre.fragment().is_some() {
        return false;
    }
    if !is_loopback_ip_literal(&reg) || !is_loopback_ip_literal(&pre) {
        return false;
    }
    let mut reg = reg;
    if reg.set_port(None).is_err() || pre.set_port(None).is_err() {
        return false;
    }
    reg.as_str() == pre.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_rules() {
        for ok in [
            "https://app.example/cb",
            "https://app.example:8443/cb?x=1",
            "http://localhost/cb",
            "http://localhost:3000/cb",
            "http://127.0.0.1/cb",
            "http://127.10.0.3:8080/cb",
            "http://[::1]:9000/cb",
            "com.example.app:/cb",
            "com.example.app:/oauth2redirect",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://evil.example/cb",
            "http://10.0.0.1/cb",
            "http://localhost.evil.example/cb",
            "https://app.example/cb#frag",
            "https://app.example/cb#",
            "https://user:pw@app.example/cb",
            "javascript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "myapp:/cb",
            "mailto:a@b.example",
            "/relative",
            "https://",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn loopback_ip_literals_match_any_port() {
        assert!(matches("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb"));
        assert!(matches(
            "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:9999/cb"
        ));
        assert!(matches("http://[::1]/cb?a=1", "http://[::1]:4000/cb?a=1"));
        // Path, query, host and scheme stay exact.
        for other in [
            "http://127.0.0.1:51234/cb2",
            "http://127.0.0.1:51234/cb?x=1",
            "http://127.0.0.2:51234/cb",
            "https://127.0.0.1:51234/cb",
            "http://127.0.0.1:51234/x/../cb",
            "http://127.0.0.1:51234/cb#f",
            "http://localhost:51234/cb",
        ] {
            assert!(!matches("http://127.0.0.1/cb", other), "{other}");
        }
        // `localhost` and other hosts need the exact port.
        assert!(!matches("http://localhost:1/cb", "http://localhost:2/cb"));
        assert!(!matches(
            "https://app.example/cb",
            "https://app.example:444/cb"
        ));
        assert!(matches("com.example.app:/cb", "com.example.app:/cb"));
        // A registration the rules now refuse matches nothing.
        assert!(!matches("http://evil.example/cb", "http://evil.example/cb"));
    }
}
