//! `/account`: self-service for the signed-in user: passkeys, password,
//! sessions and profile claims. Every form is CSRF-protected; every change
//! is audited (in [`crate::manage`]).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::forms::{RecentForm, SignedInForm};
use super::session::SignedIn;
use super::{AppState, cookies};
use crate::auth::password;
use crate::mail::{self, CredentialChange};
use crate::manage::{self, ManageError, ProfileChange};

/// Routes of the account page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_get))
        .route("/account/profile", post(profile_post))
        .route("/account/password", post(password_post))
        .route("/account/password/remove", post(password_remove))
        .route("/account/passkeys/{id}/rename", post(passkey_rename))
        .route("/account/passkeys/{id}/remove", post(passkey_remove))
        .route("/account/sessions/{sid}/end", post(session_end))
        .route("/account/apps/{client_id}/revoke", post(app_revoke))
        .route("/account/signout-everywhere", post(signout_everywhere))
        .route("/account/email/verify", post(email_verify_send))
        .route("/account/recovery/cancel", post(recovery_cancel))
}

/// Formats Unix seconds for people (UTC).
#[must_use]
pub fn when(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_default()
}

/// Confirmation shown after a change, chosen by a fixed code (never echoed text).
fn notice(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "profile" => "Your profile has been saved.",
        "password" => "Your password has been saved. Your other sessions have been signed out.",
        "password-removed" => "Your password has been removed.",
        "passkey-renamed" => "The passkey has been renamed.",
        "passkey-removed" => "The passkey has been removed.",
        "passkey-added" => "Your new passkey is ready.",
        "session-ended" => "That session has been signed out.",
        "app-revoked" => "The application's access has been revoked.",
        "verification-sent" => "A verification link is on its way to your e-mail address.",
        "totp-enrolled" => "Your authenticator app is set up.",
        "backup-codes" => "Your new backup codes are ready; the old ones no longer work.",
        "totp-removed" => "Your authenticator app and backup codes have been removed.",
        "recovery-codes" => "Your new recovery codes are ready; the old ones no longer work.",
        "recovery-codes-removed" => "Your recovery codes have been removed.",
        "recovery-cancelled" => "The recovery has been cancelled: its link no longer works.",
        _ => return None,
    })
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

async fn render(
    state: &AppState,
    signed: &SignedIn,
    csrf: &str,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Html<String>> {
    let repos = &state.repos;
    let userid = &signed.user.userid;
    let passkeys: Vec<_> = repos
        .passkeys
        .list_for_user(userid)
        .await?
        .into_iter()
        .map(|p| {
            minijinja::context! {
                id => p.id, name => p.name, created => when(p.created_at),
                last_used => p.last_used_at.map(when),
            }
        })
        .collect();
    let has_password = repos.passwords.get(userid).await?.is_some();
    let second_factor = crate::auth::second_factor::status(repos, userid).await?;
    let recovery_codes_left = repos.recovery_codes.recovery_codes_left(userid).await?;
    let now = state.clock.now();
    let sessions: Vec<_> = repos
        .sessions
        .list_for_user(userid)
        .await?
        .into_iter()
        .filter(|s| s.expires_at > now)
        .map(|s| {
            minijinja::context! {
                current => s.sid == signed.session.sid,
                sid => s.sid, ip => s.ip,
                device => crate::domain::user_agent::describe(s.user_agent.as_deref().unwrap_or_default()),
                device_unknown => crate::domain::user_agent::is_unknown(s.user_agent.as_deref().unwrap_or_default()),
                user_agent => s.user_agent,
                created => when(s.created_at), last_seen => when(s.last_seen_at),
            }
        })
        .collect();
    let apps: Vec<_> = manage::connected_apps(repos, state.clock.as_ref(), &signed.user)
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .map(|a| {
            minijinja::context! {
                client_id => a.client_id, name => a.name, scopes => a.scopes.join(" "),
                granted => a.granted_at.map(when), last_used => a.last_used_at.map(when),
            }
        })
        .collect();
    let recoveries: Vec<_> = manage::pending_recoveries(repos, now, &signed.user)
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .map(|i| {
            minijinja::context! {
                requested => when(i.created_at),
                usable_from => i.usable_from.filter(|from| *from > now).map(when),
                expires => when(i.expires_at),
            }
        })
        .collect();
    let profile = &signed.user.profile;
    let can_verify =
        mail::is_configured(&state.settings) && profile.email.is_some() && !profile.email_verified;
    crate::templates::render(
        "account.html",
        minijinja::context! {
            user => signed.user, is_admin => signed.user.is_admin(),
            passkeys, has_password, second_factor, sessions, apps, can_verify, csrf, notice, error,
            recoveries, recovery_codes_left,
            min_len => password::MIN_LEN, max_len => password::MAX_LEN,
        },
    )
    .map_err(AppError::internal)
}

async fn account_get(
    State(state): State<AppState>,
    Query(done): Query<Done>,
    signed: SignedIn,
    csrf: Csrf,
) -> Result<Response> {
    let html = render(
        &state,
        &signed,
        &csrf.token,
        notice(done.done.as_deref()),
        None,
    )
    .await?;
    Ok((csrf, html).into_response())
}

/// After a change: back to the page with a confirmation; on refusal, the
/// page again with the reason.
async fn outcome<F>(
    state: &AppState,
    form: &SignedInForm<F>,
    result: Result<(), ManageError>,
    done: &str,
) -> Result<Response> {
    let (status, message) = match result {
        Ok(()) => return Ok(Redirect::to(&format!("/account?done={done}")).into_response()),
        Err(ManageError::Invalid(m)) => (StatusCode::UNPROCESSABLE_ENTITY, m),
        Err(ManageError::Refused(m)) => (StatusCode::CONFLICT, m),
        Err(ManageError::NotFound(_)) => return Err(AppError::NotFound),
        Err(ManageError::Conflict(m)) => (StatusCode::CONFLICT, format!("{m} already exists.")),
        Err(ManageError::Db(e)) => return Err(AppError::internal(e)),
        Err(ManageError::Busy(b)) => return Err(b.into()),
        Err(ManageError::Forbidden(m)) => return Err(AppError::Forbidden(m)),
    };
    let html = render(state, &form.signed, &form.csrf.token, None, Some(&message)).await?;
    Ok((status, html).into_response())
}

#[derive(Debug, Deserialize)]
struct ProfileForm {
    name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    nickname: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    picture: Option<String>,
    locale: Option<String>,
}

/// Whether a profile form changes the e-mail address (recovery links go
/// there, so that is as sensitive as adding a credential).
fn changes_email(signed: &SignedIn, email: Option<&str>) -> bool {
    let Some(new) = email else {
        return false;
    };
    let new = new.trim();
    let old = signed.user.profile.email.as_deref().unwrap_or_default();
    new != old
}

async fn profile_post(
    State(state): State<AppState>,
    form: SignedInForm<ProfileForm>,
) -> Result<Response> {
    let mut form = if changes_email(&form.signed, form.fields.email.as_deref()) {
        form.recent(&state)?
    } else {
        form
    };
    let fields = &mut form.fields;
    let change = ProfileChange {
        name: fields.name.take(),
        given_name: fields.given_name.take(),
        family_name: fields.family_name.take(),
        nickname: fields.nickname.take(),
        email: fields.email.take(),
        email_verified: None,
        phone: fields.phone.take(),
        phone_verified: None,
        picture: fields.picture.take(),
        locale: fields.locale.take(),
    };
    let result = manage::update_profile(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
        &change,
    )
    .await
    .map(|_| ());
    outcome(&state, &form, result, "profile").await
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    current_password: Option<String>,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn password_post(
    State(state): State<AppState>,
    RecentForm(mut form): RecentForm<PasswordForm>,
) -> Result<Response> {
    let userid = &form.signed.user.userid;
    let had_password = state.repos.passwords.get(userid).await?.is_some();
    let actor = form.actor();
    let fields = &mut form.fields;
    let result = if fields.new_password == fields.confirm_password {
        manage::change_password(
            &state.repos,
            state.clock.as_ref(),
            &actor,
            &form.signed.user,
            fields.current_password.take(),
            &fields.new_password,
            Some(&form.signed.session.sid),
        )
        .await
    } else {
        Err(ManageError::Invalid(
            "The two passwords do not match.".into(),
        ))
    };
    if result.is_ok() {
        let change = if had_password {
            CredentialChange::PasswordChanged
        } else {
            CredentialChange::PasswordSet
        };
        mail::notify_credential_change(&state.settings, &form.signed.user, change, None).await;
    }
    outcome(&state, &form, result, "password").await
}

async fn password_remove(
    State(state): State<AppState>,
    RecentForm(form): RecentForm,
) -> Result<Response> {
    let result = manage::remove_password(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
    )
    .await;
    if result.is_ok() {
        let change = CredentialChange::PasswordRemoved;
        mail::notify_credential_change(&state.settings, &form.signed.user, change, None).await;
    }
    outcome(&state, &form, result, "password-removed").await
}

#[derive(Debug, Deserialize)]
struct RenameForm {
    #[serde(default)]
    name: String,
}

async fn passkey_rename(
    State(state): State<AppState>,
    Path(id): Path<String>,
    form: SignedInForm<RenameForm>,
) -> Result<Response> {
    let result = manage::rename_passkey(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
        &id,
        &form.fields.name,
    )
    .await;
    outcome(&state, &form, result, "passkey-renamed").await
}

async fn passkey_remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RecentForm(form): RecentForm,
) -> Result<Response> {
    let result = manage::remove_passkey(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
        &id,
    )
    .await;
    if result.is_ok() {
        let change = CredentialChange::PasskeyRemoved;
        mail::notify_credential_change(&state.settings, &form.signed.user, change, None).await;
    }
    outcome(&state, &form, result, "passkey-removed").await
}

async fn session_end(
    State(state): State<AppState>,
    Path(sid): Path<String>,
    form: SignedInForm,
) -> Result<Response> {
    // Signing this browser out needs nothing more; ending another session
    // is a sensitive change.
    let this_browser = form.signed.session.sid == sid;
    let form = if this_browser {
        form
    } else {
        form.recent(&state)?
    };
    let result = manage::end_session(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
        &sid,
    )
    .await;
    if result.is_ok() && this_browser {
        let clear = cookies::clear(&state.settings, &cookies::session_cookie(&state.settings));
        return Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response());
    }
    outcome(&state, &form, result, "session-ended").await
}

async fn app_revoke(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    form: SignedInForm,
) -> Result<Response> {
    let result = manage::revoke_connected_app(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
        &client_id,
    )
    .await;
    outcome(&state, &form, result, "app-revoked").await
}

/// Ends every session (this one too) and token of the user. Protective, so
/// no recent sign-in is asked for; the CSRF token is.
async fn signout_everywhere(State(state): State<AppState>, form: SignedInForm) -> Result<Response> {
    let result = manage::sign_out_everywhere(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
    )
    .await;
    if let Err(e) = result {
        return outcome(&state, &form, Err(e), "").await;
    }
    let clear = cookies::clear(&state.settings, &cookies::session_cookie(&state.settings));
    let page = crate::templates::render(
        "signed_out.html",
        minijinja::context! { everywhere => true },
    )
    .map_err(AppError::internal)?;
    Ok(([(header::SET_COOKIE, clear)], page).into_response())
}

async fn email_verify_send(State(state): State<AppState>, form: SignedInForm) -> Result<Response> {
    let result = manage::send_email_verification(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &form.actor(),
        &form.signed.user,
    )
    .await
    .map(|_| ());
    outcome(&state, &form, result, "verification-sent").await
}

/// Cancels the pending self-service recoveries of the signed-in user: a
/// link someone asked for with the account's address stops working. Only
/// protects, so no recent sign-in is asked for; the CSRF token is.
async fn recovery_cancel(State(state): State<AppState>, form: SignedInForm) -> Result<Response> {
    let result = manage::cancel_recovery(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
    )
    .await
    .map(|_| ());
    outcome(&state, &form, result, "recovery-cancelled").await
}
