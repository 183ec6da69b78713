//! `/admin/users`: search, create, edit, groups, disable, delete, recovery.

use crate::domain::role::need;
use crate::http::forms::NoFields;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, checked, notice, page, pages, refusal, split_list};
use crate::db::User;
use crate::domain::role::{Access, Area};
use crate::http::AppState;
use crate::http::csrf::Csrf;
use crate::http::error::{AppError, Result};
use crate::i18n::{t, t_args};
use crate::manage::{self, ManageError, ProfileChange};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users_get).post(users_post))
        .route("/admin/users/{userid}", get(user_get))
        .route("/admin/users/{userid}/profile", post(profile_post))
        .route("/admin/users/{userid}/groups", post(groups_post))
        .route("/admin/users/{userid}/role", post(role_post))
        .route("/admin/users/{userid}/disable", post(disable_post))
        .route("/admin/users/{userid}/enable", post(enable_post))
        .route("/admin/users/{userid}/delete", post(delete_post))
        .route("/admin/users/{userid}/recovery", post(recovery_post))
        .route(
            "/admin/users/{userid}/sessions/{sid}/end",
            post(session_end_post),
        )
        .route(
            "/admin/users/{userid}/sessions/end-all",
            post(sessions_end_all_post),
        )
        .route(
            "/admin/users/{userid}/passkeys/{id}/remove",
            post(passkey_remove_post),
        )
        .route(
            "/admin/users/{userid}/second-factor/reset",
            post(second_factor_reset_post),
        )
        .route(
            "/admin/users/{userid}/recovery-codes/remove",
            post(recovery_codes_remove_post),
        )
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    q: Option<String>,
    offset: Option<i64>,
    done: Option<String>,
}

async fn list_page(
    state: &AppState,
    csrf: Csrf,
    q: &str,
    offset: i64,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Response> {
    let query = Some(q).filter(|s| !s.is_empty());
    let found = state.repos.users.list(query, offset, PAGE).await?;
    let (prev, next) = pages(offset, found.total);
    let filter_query = if q.is_empty() {
        String::new()
    } else {
        format!(
            "{}&",
            serde_urlencoded::to_string([("q", q)]).unwrap_or_default()
        )
    };
    page(
        "admin_users.html",
        csrf.clone(),
        status,
        minijinja::context! {
            users => found.items, total => found.total, q, prev, next, filter_query,
            csrf => csrf.token, notice, error,
        },
    )
}

async fn users_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let offset = q.offset.unwrap_or(0).max(0);
    let text = q.q.unwrap_or_default();
    list_page(
        &state,
        csrf,
        text.trim(),
        offset,
        StatusCode::OK,
        notice(q.done.as_deref()).as_deref(),
        None,
    )
    .await
}

#[derive(Debug, Deserialize)]
struct CreateForm {
    #[serde(default)]
    username: String,
    email: Option<String>,
    name: Option<String>,
    #[serde(default)]
    groups: String,
    admin: Option<String>,
    password: Option<String>,
}

async fn users_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<CreateForm, need::WriteUsers>,
) -> Result<Response> {
    let given = checked(form.admin.as_ref()).then_some(crate::domain::role::Role::Admin);
    manage::check_may_grant(Some(role), given).map_err(|e| AppError::Forbidden(format!("{e}.")))?;
    let result = manage::create_user(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        manage::CreateUser {
            username: form.username,
            email: form.email,
            name: form.name,
            groups: split_list(&form.groups, &[',']),
            role: given,
            password: form.password.filter(|p| !p.is_empty()),
        },
    )
    .await;
    match result {
        Ok(user) => {
            Ok(Redirect::to(&format!("/admin/users/{}?done=created", user.userid)).into_response())
        }
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, "", 0, status, None, Some(&message)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

struct Extra<'a> {
    status: StatusCode,
    notice: Option<&'a str>,
    error: Option<&'a str>,
    invite: Option<manage::CreatedInvite>,
    /// Where the recovery link was e-mailed.
    emailed_to: Option<String>,
}

impl<'a> Extra<'a> {
    fn notice(notice: Option<&'a str>) -> Self {
        Self {
            status: StatusCode::OK,
            notice,
            error: None,
            invite: None,
            emailed_to: None,
        }
    }

    fn error(status: StatusCode, error: &'a str) -> Self {
        Self {
            status,
            error: Some(error),
            ..Self::notice(None)
        }
    }
}

async fn user_page(
    state: &AppState,
    csrf: Csrf,
    user: &User,
    extra: Extra<'_>,
) -> Result<Response> {
    use crate::http::account::when;
    let passkeys: Vec<_> = state
        .repos
        .passkeys
        .list_for_user(&user.userid)
        .await?
        .into_iter()
        .map(|p| {
            minijinja::context! {
                id => p.id, name => p.name, created => when(p.created_at),
                last_used => p.last_used_at.map(when),
            }
        })
        .collect();
    let has_password = state.repos.passwords.get(&user.userid).await?.is_some();
    let second_factor = crate::auth::second_factor::status(&state.repos, &user.userid).await?;
    let recovery_codes_left = manage::recovery_codes_left(&state.repos, user)
        .await
        .map_err(AppError::internal)?;
    let sessions: Vec<_> = manage::live_sessions(&state.repos, state.clock.as_ref(), &user.userid)
        .await?
        .into_iter()
        .map(|s| {
            minijinja::context! {
                sid => s.sid, ip => s.ip,
                device => crate::domain::user_agent::describe(s.user_agent.as_deref().unwrap_or_default()),
                user_agent => s.user_agent,
                amr => s.amr.join(", "),
                created => when(s.created_at), last_seen => when(s.last_seen_at),
            }
        })
        .collect();
    let (invite_url, invite_expires) = extra.invite.map(|i| (i.url, i.expires_at)).unzip();
    let can_email = crate::mail::is_configured(&state.settings) && user.profile.email.is_some();
    // The forms the viewer may use on this user (the server refuses the
    // others anyway): changing users, and roles, only of people their role
    // may manage.
    let viewer = super::viewer_role();
    let may =
        |area| viewer.is_some_and(|r| r.allows(area, Access::Write) && r.may_manage(user.role));
    let (may_change, may_change_role) = (may(Area::Users), may(Area::Administration));
    page(
        "admin_user.html",
        csrf.clone(),
        extra.status,
        minijinja::context! {
            roles => crate::domain::role::Role::ALL.map(|r| (r.as_str(), r.label())),
            user, passkeys, has_password, second_factor, recovery_codes_left, sessions, can_email,
            may_change, may_change_role,
            attributes_json => super::claims::pretty(&user.attributes),
            last_method => passkeys.len() + usize::from(has_password) <= 1,
            created => when(user.created_at),
            invite_url, invite_expires, emailed_to => extra.emailed_to,
            csrf => csrf.token, notice => extra.notice, error => extra.error,
        },
    )
}

/// `user`, when `role` may change them ([`manage::check_may_manage`]).
pub(super) fn managed(user: User, role: crate::domain::role::Role) -> Result<User> {
    manage::check_may_manage(Some(role), &user)
        .map_err(|e| AppError::Forbidden(format!("{e}.")))?;
    Ok(user)
}

/// The user a page or form is about (404 when there is none).
pub(super) async fn find(state: &AppState, userid: &str) -> Result<User> {
    state
        .repos
        .users
        .get(userid)
        .await?
        .ok_or(AppError::NotFound)
}

async fn user_get(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    Query(done): Query<Done>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let user = find(&state, &userid).await?;
    let notice = notice(done.done.as_deref());
    user_page(&state, csrf, &user, Extra::notice(notice.as_deref())).await
}

/// Back to the user's page after a change, or the page with the reason.
pub(super) async fn after(
    state: &AppState,
    csrf: Csrf,
    userid: &str,
    result: Result<&'static str, ManageError>,
) -> Result<Response> {
    match result {
        Ok(done) => Ok(Redirect::to(&format!("/admin/users/{userid}?done={done}")).into_response()),
        Err(e) => {
            let (status, message) = refusal(e)?;
            let user = find(state, userid).await?;
            user_page(state, csrf, &user, Extra::error(status, &message)).await
        }
    }
}

#[derive(Debug, Deserialize)]
struct ProfileForm {
    username: Option<String>,
    name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    nickname: Option<String>,
    email: Option<String>,
    email_verified: Option<String>,
    phone: Option<String>,
    phone_verified: Option<String>,
    picture: Option<String>,
    locale: Option<String>,
}

async fn profile_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<ProfileForm, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let change = ProfileChange {
        email_verified: email_verified_choice(
            &user,
            form.email.as_deref(),
            checked(form.email_verified.as_ref()),
        ),
        name: form.name,
        given_name: form.given_name,
        family_name: form.family_name,
        nickname: form.nickname,
        email: form.email,
        phone: form.phone,
        phone_verified: Some(checked(form.phone_verified.as_ref())),
        picture: form.picture,
        locale: form.locale,
    };
    let (repos, clock) = (&state.repos, state.clock.as_ref());
    let result = async {
        manage::apply_profile_change(&user.profile, &change)?;
        let mut u = user.clone();
        if let Some(name) = form.username.as_deref().filter(|n| !n.trim().is_empty()) {
            u = manage::rename_user(repos, clock, &actor, &u, name).await?;
        }
        manage::update_profile(repos, clock, &actor, &u, &change).await?;
        Ok("saved")
    }
    .await;
    after(&state, csrf, &userid, result).await
}

/// What the "Email verified" box asks for. The box shows the stored state,
/// so when the address changes, a box left ticked from before is no
/// choice: the new address becomes unverified. Ticking it for an address
/// that was unverified, or unticking it, is the administrator's choice.
fn email_verified_choice(user: &User, email: Option<&str>, ticked: bool) -> Option<bool> {
    let changes = email.is_some_and(|e| Some(e.trim()) != user.profile.email.as_deref());
    if changes && ticked && user.profile.email_verified {
        None
    } else {
        Some(ticked)
    }
}

#[derive(Debug, Deserialize)]
struct GroupsForm {
    #[serde(default)]
    groups: String,
}

async fn groups_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<GroupsForm, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let groups = split_list(&form.groups, &[',']);
    let result = manage::set_groups(&state.repos, state.clock.as_ref(), &actor, &user, &groups)
        .await
        .map(|_| "saved");
    after(&state, csrf, &userid, result).await
}

#[derive(Debug, Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn role_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role: caller,
        csrf,
        fields: form,
        ..
    }: AdminForm<RoleForm, need::WriteAdministration>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, caller)?;
    let result = async {
        let role = manage::requested_role(false, Some(&form.role))?;
        manage::check_may_grant(Some(caller), role)?;
        manage::set_role(
            &state.repos,
            state.clock.as_ref(),
            &actor,
            Some(caller),
            &user,
            role,
        )
        .await
        .map(|_| "saved")
    }
    .await;
    after(&state, csrf, &userid, result).await
}

async fn set_active(
    state: &AppState,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
    userid: &str,
    active: bool,
) -> Result<Response> {
    let user = managed(find(state, userid).await?, role)?;
    let result = async {
        if !active {
            manage::refuse_self(&actor, &user, "disable")?;
        }
        manage::set_user_active(&state.repos, state.clock.as_ref(), &actor, &user, active).await?;
        Ok(if active { "enabled" } else { "disabled" })
    }
    .await;
    after(state, csrf, &user.userid, result).await
}

async fn disable_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    form: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    set_active(&state, form, &userid, false).await
}

async fn enable_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    form: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    set_active(&state, form, &userid, true).await
}

async fn delete_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let result = async {
        manage::refuse_self(&actor, &user, "delete")?;
        manage::delete_user(&state.repos, state.clock.as_ref(), &actor, &user).await
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to("/admin/users?done=deleted").into_response()),
        Err(e) => after(&state, csrf, &userid, Err(e)).await,
    }
}

#[derive(Debug, Default, Deserialize)]
struct RecoveryForm {
    send_email: Option<String>,
}

async fn recovery_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<RecoveryForm, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let send_to = if checked(form.send_email.as_ref()) {
        match manage::mail_recipient(&state.settings, user.profile.email.as_deref()) {
            Ok(to) => Some(to),
            Err(e) => return after(&state, csrf, &userid, Err(e)).await,
        }
    } else {
        None
    };
    let created = manage::create_recovery_invite(
        &state.repos,
        state.clock.as_ref(),
        &state.settings.issuer,
        &actor,
        &user,
        86_400,
    )
    .await;
    let invite = match created {
        Ok(invite) => invite,
        Err(e) => return after(&state, csrf, &userid, Err(e)).await,
    };
    if let Some(to) = &send_to {
        let kind = manage::LinkKind::Recovery;
        let (repos, clock) = (&state.repos, state.clock.as_ref());
        if let Err(e) =
            manage::email_invite(repos, clock, &state.settings, &actor, &invite, to, kind).await
        {
            let message = t_args(
                "admin-error-link-withdrawn",
                &[("reason", e.to_string().into())],
            );
            let extra = Extra::error(StatusCode::BAD_GATEWAY, &message);
            return user_page(&state, csrf, &user, extra).await;
        }
    }
    let extra = Extra {
        invite: Some(invite),
        emailed_to: send_to,
        ..Extra::notice(None)
    };
    user_page(&state, csrf, &user, extra).await
}

async fn session_end_post(
    State(state): State<AppState>,
    Path((userid, sid)): Path<(String, String)>,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let result = manage::end_session(&state.repos, state.clock.as_ref(), &actor, &user, &sid)
        .await
        .map(|()| "session-ended");
    after(&state, csrf, &userid, result).await
}

async fn sessions_end_all_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let result = manage::sign_out_everywhere(&state.repos, state.clock.as_ref(), &actor, &user)
        .await
        .map(|()| "sessions-ended");
    after(&state, csrf, &userid, result).await
}

async fn passkey_remove_post(
    State(state): State<AppState>,
    Path((userid, id)): Path<(String, String)>,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let name = state
        .repos
        .passkeys
        .list_for_user(&user.userid)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.name);
    let result =
        manage::remove_passkey_of_user(&state.repos, state.clock.as_ref(), &actor, &user, &id)
            .await;
    if result.is_ok() {
        let change = crate::mail::CredentialChange::PasskeyRemoved;
        crate::mail::notify_credential_change(&state.settings, &user, change, name.as_deref())
            .await;
    }
    let result = result.map(|last| {
        if last {
            "passkey-removed-last"
        } else {
            "passkey-removed"
        }
    });
    after(&state, csrf, &userid, result).await
}

#[derive(Debug, Default, Deserialize)]
struct ResetForm {
    confirm: Option<String>,
}

/// **Reset second factor**: removes the user's authenticator app and backup
/// codes (after the confirmation box is ticked); audited, the user mailed.
async fn second_factor_reset_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<ResetForm, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let result = if checked(form.confirm.as_ref()) {
        manage::reset_second_factor(
            &state.repos,
            state.clock.as_ref(),
            &state.settings,
            &actor,
            &user,
        )
        .await
        .map(|_| "second-factor-reset")
    } else {
        Err(ManageError::Invalid(t("admin-error-confirm-reset")))
    };
    after(&state, csrf, &userid, result).await
}

/// **Remove recovery codes**: removes the user's recovery codes and
/// withdraws the links they gave (a lost code sheet, say); audited as
/// `recovery_codes.removed`.
async fn recovery_codes_remove_post(
    State(state): State<AppState>,
    Path(userid): Path<String>,
    AdminForm {
        actor, csrf, role, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let user = managed(find(&state, &userid).await?, role)?;
    let result = manage::remove_recovery_codes(&state.repos, state.clock.as_ref(), &actor, &user)
        .await
        .map(|()| "recovery-codes-removed");
    after(&state, csrf, &userid, result).await
}
