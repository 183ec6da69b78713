//! `/admin`: the management UI for holders of a role (each route declares
//! what it needs, see [`crate::domain::role`]). It uses the
//! browser session directly (see docs/architecture.md for why), calls the
//! same [`crate::manage`] operations as the CLI and the API, and protects
//! every form with CSRF.

mod api_keys;
mod claims;
mod clients;
mod connect;
mod extract;
mod groups;
mod invites;
mod keys;
mod registration_tokens;
mod signups;
mod users;

pub(crate) use extract::{Admin, AdminForm, AdminUpload};

use crate::audit::Event;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Serialize;

use super::AppState;
use super::csrf::Csrf;
use super::error::AppError;
use super::extract::ClientInfo;
use super::session::CurrentSession;
use crate::domain::role::{Access, Area, Role};
use crate::i18n::t;
use crate::manage::{Actor, ManageError};

/// Items per page in admin lists.
pub const PAGE: i64 = 25;

tokio::task_local! {
    /// The role of whoever the management page being made is for: set by
    /// [`Admin`] and [`AdminForm`] once they let the request in, read by
    /// [`page`] to show only what that role may open and change.
    static VIEWER: std::cell::Cell<Option<Role>>;
}

/// Records that the request is made by a holder of `role` (for the page's
/// navigation and forms). Outside a management request it does nothing.
pub(crate) fn set_viewer(role: Role) {
    let _ = VIEWER.try_with(|v| v.set(Some(role)));
}

/// The role of whoever the management page being made is for (`None`
/// outside a management request).
pub(crate) fn viewer_role() -> Option<Role> {
    VIEWER.try_with(std::cell::Cell::get).ok().flatten()
}

/// The navigation of the management pages: each page, the message id of
/// its link, and the area it reads, in order.
const NAVIGATION: [(&str, &str, Area); 9] = [
    ("/admin/users", "admin-nav-users", Area::Users),
    ("/admin/groups", "admin-nav-groups", Area::Users),
    ("/admin/clients", "admin-nav-clients", Area::Clients),
    ("/admin/invites", "admin-nav-invites", Area::Users),
    ("/admin/signups", "admin-nav-signups", Area::Users),
    (
        "/admin/registration-tokens",
        "admin-nav-registration-tokens",
        Area::Clients,
    ),
    ("/admin/keys", "admin-nav-keys", Area::Keys),
    ("/admin/audit", "admin-nav-audit", Area::Audit),
    (
        "/admin/api-keys",
        "admin-nav-api-keys",
        Area::Administration,
    ),
];

/// What a holder of `role` sees of the management UI: the pages they may
/// open, and per area whether they may change it (forms they may not use
/// are not shown; the server refuses them anyway).
#[derive(Debug, Serialize)]
struct Viewer {
    nav: Vec<(&'static str, &'static str)>,
    may_change_users: bool,
    may_change_clients: bool,
    may_change_keys: bool,
    may_change_roles: bool,
}

impl Viewer {
    fn of(role: Role) -> Self {
        Self {
            nav: NAVIGATION
                .iter()
                .filter(|(_, _, area)| role.allows(*area, Access::Read))
                .map(|(href, label, _)| (*href, *label))
                .collect(),
            may_change_users: role.allows(Area::Users, Access::Write),
            may_change_clients: role.allows(Area::Clients, Access::Write),
            may_change_keys: role.allows(Area::Keys, Access::Write),
            may_change_roles: role.allows(Area::Administration, Access::Write),
        }
    }
}

/// Routes of the management UI.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/admin", get(landing))
        .merge(users::router())
        .merge(clients::router())
        .merge(groups::router())
        .merge(invites::router())
        .merge(claims::router())
        .merge(keys::router())
        .merge(registration_tokens::router())
        .merge(signups::router())
        .merge(api_keys::router())
        .layer(axum::middleware::from_fn_with_state(state, audit_refusals))
}

/// `/admin`: to the first page the caller's role may read.
async fn landing(admin: Admin) -> Redirect {
    Redirect::to(first_page(admin.role))
}

/// The first management page `role` may read, in navigation order.
pub(crate) fn first_page(role: Role) -> &'static str {
    [
        (Area::Users, "/admin/users"),
        (Area::Clients, "/admin/clients"),
        (Area::Keys, "/admin/keys"),
        (Area::Audit, "/admin/audit"),
    ]
    .into_iter()
    .find(|(area, _)| role.allows(*area, Access::Read))
    .map_or("/account", |(_, path)| path)
}

/// Records every refused management page request (403: not an
/// administrator, or a form without a valid CSRF token) with who asked and
/// from which address.
async fn audit_refusals(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::extract::FromRequestParts;
    let (mut parts, body) = request.into_parts();
    let client = ClientInfo::from_request_parts(&mut parts, &state)
        .await
        .ok();
    let path = parts.uri.path().to_owned();
    let response = VIEWER
        .scope(
            std::cell::Cell::new(None),
            next.run(axum::extract::Request::from_parts(parts.clone(), body)),
        )
        .await;
    if response.status() == StatusCode::FORBIDDEN {
        let who = CurrentSession::from_request_parts(&mut parts, &state)
            .await
            .ok()
            .and_then(|s| s.0)
            .map_or_else(|| "anonymous".to_owned(), |s| s.user.userid);
        crate::audit::record(
            &state.repos,
            state.clock.as_ref(),
            &Actor {
                id: who,
                ip: client.and_then(|c| c.ip_string()),
                role: None,
            },
            Event::AdminRefused,
            None,
            serde_json::json!({ "surface": "ui", "path": path, "status": 403 }),
        )
        .await;
    }
    response
}

/// Renders an admin page with the CSRF cookie (when new) and a status,
/// with `viewer`: the navigation and forms its reader's role may use.
pub(crate) fn page<C: Serialize>(
    name: &str,
    csrf: Csrf,
    status: StatusCode,
    ctx: C,
) -> Result<Response, AppError> {
    let viewer = viewer_role().map(Viewer::of);
    let html = crate::templates::render(
        name,
        minijinja::context! { viewer, ..minijinja::Value::from_serialize(&ctx) },
    )
    .map_err(AppError::internal)?;
    Ok((status, csrf, html).into_response())
}

/// The message and status for a refused operation; `None` for errors that
/// are pages of their own (404, 500).
pub(crate) fn refusal(e: ManageError) -> Result<(StatusCode, String), AppError> {
    match e {
        ManageError::Invalid(m) => Ok((StatusCode::UNPROCESSABLE_ENTITY, m)),
        ManageError::Conflict(m) => Ok((StatusCode::CONFLICT, format!("{m} already exists."))),
        ManageError::Refused(m) => Ok((StatusCode::CONFLICT, m)),
        ManageError::NotFound(_) => Err(AppError::NotFound),
        ManageError::Db(e) => Err(AppError::internal(e)),
        ManageError::Busy(b) => Err(b.into()),
        ManageError::Forbidden(m) => Err(AppError::Forbidden(format!("{m}."))),
    }
}

/// Splits a comma-separated list.
pub(crate) fn split_list(text: &str, sep: &[char]) -> Vec<String> {
    text.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Previous and next offsets for paging.
pub(crate) fn pages(offset: i64, total: i64) -> (Option<i64>, Option<i64>) {
    let prev = (offset > 0).then(|| offset.saturating_sub(PAGE).max(0));
    let next = offset.checked_add(PAGE).filter(|next| *next < total);
    (prev, next)
}

/// The confirmation for a fixed `?done=` code, in the request's language.
pub(crate) fn notice(code: Option<&str>) -> Option<String> {
    Some(match code? {
        "created" => t("admin-notice-created"),
        "saved" => t("admin-notice-saved"),
        "logo-saved" => t("admin-notice-logo-saved"),
        "logo-removed" => t("admin-notice-logo-removed"),
        "keys-replaced" => t("admin-notice-keys-replaced"),
        "disabled" => t("admin-notice-disabled"),
        "enabled" => t("admin-notice-enabled"),
        "deleted" => t("admin-notice-deleted"),
        "revoked" => t("admin-notice-revoked"),
        "session-ended" => t("admin-notice-session-ended"),
        "sessions-ended" => t("admin-notice-sessions-ended"),
        "passkey-removed" => t("admin-notice-passkey-removed"),
        "second-factor-reset" => t("admin-notice-second-factor-reset"),
        "recovery-codes-removed" => t("admin-notice-recovery-codes-removed"),
        "passkey-removed-last" => t("admin-notice-passkey-removed-last"),
        _ => return None,
    })
}

/// A checkbox in a form: present means on.
pub(crate) fn checked(v: Option<&String>) -> bool {
    v.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::auth::invite::InviteStatus;
    use crate::db::DeliveryState;
    use crate::domain::role::Role;
    use crate::i18n::{Locale, message_ids};

    /// The messages the management pages compose from a value
    /// (`t("admin-role-" ~ role)`, a status, a state) exist in English, so
    /// the catalogue test holds every language to them; `t("…")` with a
    /// fixed id is checked by `templates::tests`.
    #[test]
    fn every_message_composed_from_a_value_exists() {
        let english = message_ids(Locale::En);
        let mut ids: Vec<String> = Role::ALL
            .iter()
            .map(|r| format!("admin-role-{}", r.as_str()))
            .collect();
        for s in [
            InviteStatus::Pending,
            InviteStatus::Used,
            InviteStatus::Revoked,
            InviteStatus::Expired,
        ] {
            ids.push(format!("admin-invite-status-{}", s.as_str()));
        }
        for s in [
            DeliveryState::Pending,
            DeliveryState::Delivered,
            DeliveryState::Failed,
        ] {
            ids.push(format!("admin-delivery-{}", s.as_str()));
        }
        // crate::http::api::model::registration_token_status, db::ApiKey::state
        for s in ["active", "expired", "used_up", "revoked"] {
            ids.push(format!("admin-token-status-{s}"));
        }
        for s in ["active", "expired", "revoked"] {
            ids.push(format!("admin-api-key-state-{s}"));
        }
        let missing: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
        assert!(
            missing.is_empty(),
            "not in locales/en/latchkey.ftl: {missing:?}"
        );
    }

    /// The snippet names and places of "Connect an application" that are
    /// words, not names, are in the catalogues word for word (`|localize`).
    #[test]
    fn connect_snippet_words_are_translated() {
        for english in [
            "Single-page app (oidc-client-ts)",
            "shell",
            "shell, in the Nextcloud folder",
        ] {
            assert_ne!(
                crate::i18n::localize_in(Locale::De, english),
                english,
                "{english}"
            );
        }
    }
}
