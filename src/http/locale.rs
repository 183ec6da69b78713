//! The language of each request ([`crate::i18n`]): every request runs in
//! the language its `Accept-Language` header and the configured default
//! choose; pages of an authorization request in flight then follow its
//! `ui_locales` ([`crate::i18n::follow_ui_locales`]).

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::i18n::{self, Locale};

/// Middleware: runs the rest of the request inside [`i18n::scope`].
pub async fn layer(State(default): State<Locale>, request: Request, next: Next) -> Response {
    let accept = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        // A real header is short; a huge one is not worth reading.
        .filter(|v| v.len() <= 512)
        .map(str::to_owned);
    i18n::scope(accept.as_deref(), default, next.run(request)).await
}
