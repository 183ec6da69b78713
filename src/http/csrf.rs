//! CSRF protection for every state-changing form: a random token in a
//! cookie that the form must echo (double submit), plus an `Origin` check.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponseParts, ResponseParts};

use super::error::AppError;
use super::{AppState, cookies};
use crate::config::Settings;

fn cookie_name(settings: &Settings) -> String {
    cookies::name(settings, "latchkey_csrf")
}

/// The CSRF token to embed in forms. When the browser had none, a new one
/// is minted and must be set with the response (use it as a response part).
#[derive(Debug, Clone)]
pub struct Csrf {
    pub token: String,
    set_cookie: Option<HeaderValue>,
}

impl<S> FromRequestParts<S> for Csrf
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let name = cookie_name(&app.settings);
        if let Some(existing) = cookies::get(&parts.headers, &name)
            && existing.len() >= 32
            && existing
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Ok(Self {
                token: existing.to_owned(),
                set_cookie: None,
            });
        }
        let token = crate::crypto::new_secret();
        let set_cookie = Some(cookies::set(&app.settings, &name, &token, None));
        Ok(Self { token, set_cookie })
    }
}

impl IntoResponseParts for Csrf {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        if let Some(cookie) = self.set_cookie {
            res.headers_mut().append(header::SET_COOKIE, cookie);
        }
        Ok(res)
    }
}

/// The issuer's origin (`scheme://host[:port]`).
#[must_use]
pub fn issuer_origin(settings: &Settings) -> String {
    url::Url::parse(&settings.issuer)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default()
}

/// Refuses a state-changing request that comes from another site or lacks
/// the right token.
pub fn verify(settings: &Settings, headers: &HeaderMap, form_token: &str) -> Result<(), AppError> {
    let forbidden = || {
        AppError::Forbidden("This form has expired or came from another site. Go back, reload the page and try again.".into())
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().map_err(|_| forbidden())?;
        if origin != issuer_origin(settings) {
            return Err(forbidden());
        }
    }
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return Err(forbidden());
    }
    let cookie = cookies::get(headers, &cookie_name(settings)).ok_or_else(forbidden)?;
    if form_token.is_empty()
        || !crate::crypto::constant_time_eq(cookie.as_bytes(), form_token.as_bytes())
    {
        return Err(forbidden());
    }
    Ok(())
}
