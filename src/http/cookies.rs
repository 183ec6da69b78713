//! Reading and writing our cookies.

use axum::http::{HeaderMap, HeaderValue, header};

use crate::config::Settings;

/// Finds a cookie's value in the request headers.
#[must_use]
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A cookie name, with the `__Host-` prefix when served over HTTPS.
#[must_use]
pub fn name(settings: &Settings, base: &str) -> String {
    if settings.is_https() {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure on HTTPS.
#[must_use]
pub fn set(settings: &Settings, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if settings.is_https() {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie)
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// A `Set-Cookie` value that removes the cookie.
#[must_use]
pub fn clear(settings: &Settings, name: &str) -> HeaderValue {
    set(settings, name, "", Some(0))
}

/// Name of the session cookie.
#[must_use]
pub fn session_cookie(settings: &Settings) -> String {
    name(settings, "latchkey_session")
}

/// Name of the device cookie ([`crate::auth::device`]).
#[must_use]
pub fn device_cookie(settings: &Settings) -> String {
    name(settings, "latchkey_device")
}

/// The cookie that binds the stored authorization request `id` to the
/// browser that started it ([`crate::oidc::flow::store`]).
#[must_use]
pub fn request_cookie(settings: &Settings, id: &str) -> String {
    name(settings, &format!("latchkey_req_{id}"))
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, header};
    use proptest::prelude::*;

    proptest! {
        /// Any Cookie header parses without panicking, and a well-formed
        /// cookie is found among arbitrary others.
        #[test]
        fn cookie_headers(noise in "[ -~]{0,200}", value in "[A-Za-z0-9_-]{1,60}") {
            let mut headers = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(&noise) {
                headers.insert(header::COOKIE, v);
            }
            let _ = super::get(&headers, "latchkey_session");
            let mut headers = HeaderMap::new();
            let line = format!("a=b; latchkey_session={value}; c=d");
            headers.insert(header::COOKIE, HeaderValue::from_str(&line).unwrap());
            prop_assert_eq!(super::get(&headers, "latchkey_session"), Some(value.as_str()));
        }
    }
}
