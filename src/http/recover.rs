//! `/recover`: "Lost your passkey?" — self-service account recovery.
//!
//! The page asks for an e-mail address. Whatever is typed, the answer is
//! the same page, given before anything is looked up: the lookup, the
//! per-account limit, the link and the mail
//! ([`crate::manage::request_recovery`]) run in a task of their own, so
//! neither the answer nor its timing tells whether the address belongs to
//! an account. Requests are counted per client address before that
//! ([`super::limits::Limits::recovery`]).

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::AppState;
use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::forms::CsrfForm;

/// `/recover`.
pub fn router() -> Router<AppState> {
    Router::new().route("/recover", get(recover_get).post(recover_post))
}

/// The posted form.
#[derive(Debug, Default, Deserialize)]
struct RecoverForm {
    #[serde(default)]
    email: String,
}

/// The delay as people say it ("24 hours", "30 minutes"), `None` for none.
fn delay_text(delay: std::time::Duration) -> Option<String> {
    let secs = delay.as_secs();
    if secs == 0 {
        return None;
    }
    let (n, unit) = if secs.is_multiple_of(86_400) && secs >= 2 * 86_400 {
        (secs / 86_400, "days")
    } else if secs.is_multiple_of(3600) {
        (secs / 3600, "hours")
    } else if secs.is_multiple_of(60) {
        (secs / 60, "minutes")
    } else {
        (secs, "seconds")
    };
    let unit = if n == 1 {
        unit.trim_end_matches('s')
    } else {
        unit
    };
    Some(format!("{n} {unit}"))
}

/// The recovery page: the address form (or, once `sent`, the answer to
/// it) and the recovery-code form, with `code_error` above it.
pub(super) fn page(
    state: &AppState,
    csrf: &str,
    sent: bool,
    code_error: Option<&str>,
) -> Result<axum::response::Html<String>> {
    crate::templates::render(
        "recover.html",
        minijinja::context! {
            csrf, sent, code_error,
            delay => delay_text(state.settings.recovery_delay),
        },
    )
    .map_err(AppError::internal)
}

async fn recover_get(State(state): State<AppState>, csrf: Csrf) -> Result<Response> {
    let html = page(&state, &csrf.token, false, None)?;
    Ok((csrf, html).into_response())
}

async fn recover_post(
    State(state): State<AppState>,
    CsrfForm {
        client,
        csrf,
        fields,
        ..
    }: CsrfForm<RecoverForm>,
) -> Result<Response> {
    // Counted before anything is looked up, the same for every address.
    state.limits.recovery(client.ip).await?;
    let work = state.clone();
    let ip = client.ip_string();
    // The mail speaks the language of the page that asked for it.
    tokio::spawn(crate::i18n::carry(async move {
        let result = crate::manage::request_recovery(
            &work.repos,
            work.clock.as_ref(),
            &work.settings,
            &fields.email,
            ip,
        )
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "self-service recovery request failed");
        }
    }));
    let html = page(&state, &csrf.token, true, None)?;
    Ok((csrf, html).into_response())
}

#[cfg(test)]
mod tests {
    use super::delay_text;
    use std::time::Duration;

    #[test]
    fn delays_read_as_people_say_them() {
        assert_eq!(delay_text(Duration::ZERO), None);
        assert_eq!(
            delay_text(Duration::from_secs(86_400)).as_deref(),
            Some("24 hours")
        );
        assert_eq!(
            delay_text(Duration::from_secs(3600)).as_deref(),
            Some("1 hour")
        );
        assert_eq!(
            delay_text(Duration::from_secs(172_800)).as_deref(),
            Some("2 days")
        );
        assert_eq!(
            delay_text(Duration::from_secs(90)).as_deref(),
            Some("90 seconds")
        );
        assert_eq!(
            delay_text(Duration::from_secs(1800)).as_deref(),
            Some("30 minutes")
        );
    }
}
