//! User operations beyond creation: profile edits, groups, recovery invites.

use super::{Actor, CreateInvite, CreatedInvite, ManageError, clean_email, clean_groups};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::db::{DbError, Profile, Repos, User};
use crate::domain::username;

/// A change to a user's profile claims. `None` leaves a field as it is;
/// `Some("")` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    /// Set explicitly (administrators only); otherwise a changed email
    /// becomes unverified.
    pub email_verified: Option<bool>,
    pub phone: Option<String>,
    pub phone_verified: Option<bool>,
    pub picture: Option<String>,
    pub locale: Option<String>,
}

fn clean_text(field: &str, value: &str, max: usize) -> Result<Option<String>, ManageError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(ManageError::Invalid(format!(
            "{field} must be at most {max} characters, without control characters"
        )));
    }
    Ok(Some(v.to_owned()))
}

fn clean_picture(value: &str) -> Result<Option<String>, ManageError> {
    let Some(v) = clean_text("picture", value, 2048)? else {
        return Ok(None);
    };
    match url::Url::parse(&v) {
        Ok(u) if matches!(u.scheme(), "https" | "http") && u.host_str().is_some() => Ok(Some(v)),
        _ => Err(ManageError::Invalid(
            "picture must be an http(s) URL".into(),
        )),
    }
}

fn clean_locale(value: &str) -> Result<Option<String>, ManageError> {
    let Some(v) = clean_text("locale", value, 35)? else {
        return Ok(None);
    };
    let ok = v
        .split(['-', '_'])
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(Some(v))
    } else {
        Err(ManageError::Invalid(format!(
            "{v:?} is not a locale such as en-US"
        )))
    }
}

fn clean_phone(value: &str) -> Result<Option<String>, ManageError> {
    let Some(v) = clean_text("phone", value, 32)? else {
        return Ok(None);
    };
    let ok = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))
        && v.chars().any(|c| c.is_ascii_digit());
    if ok {
        Ok(Some(v))
    } else {
        Err(ManageError::Invalid(format!(
            "{v:?} is not a telephone number"
        )))
    }
}

/// Applies `change` to `current`, validating each field.
pub fn apply_profile_change(
    current: &Profile,
    change: &ProfileChange,
) -> Result<Profile, ManageError> {
    let mut p = current.clone();
    if let Some(v) = &change.name {
        p.name = clean_text("name", v, 200)?;
    }
    if let Some(v) = &change.given_name {
        p.given_name = clean_text("given name", v, 200)?;
    }
    if let Some(v) = &change.family_name {
        p.family_name = clean_text("family name", v, 200)?;
    }
    if let Some(v) = &change.nickname {
        p.nickname = clean_text("nickname", v, 200)?;
    }
    if let Some(v) = &change.email {
        p.email = clean_email(Some(v))?;
        if p.email != current.email {
            p.email_verified = false;
        }
    }
    if let Some(v) = change.email_verified {
        p.email_verified = v && p.email.is_some();
    }
    if let Some(v) = &change.phone {
        p.phone = clean_phone(v)?;
        if p.phone != current.phone {
            p.phone_verified = false;
        }
    }
    if let Some(v) = change.phone_verified {
        p.phone_verified = v && p.phone.is_some();
    }
    if let Some(v) = &change.picture {
        p.picture = clean_picture(v)?;
    }
    if let Some(v) = &change.locale {
        p.locale = clean_locale(v)?;
    }
    Ok(p)
}

/// Changes a user's profile claims; returns the updated user.
pub async fn update_profile(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    change: &ProfileChange,
) -> Result<User, ManageError> {
    let profile = apply_profile_change(&user.profile, change)?;
    if profile == user.profile {
        return Ok(user.clone());
    }
    repos
        .users
        .update_profile(&user.userid, &profile, clock.now())
        .await?;
    let changed = changed_fields(&user.profile, &profile);
    audit::record(
        repos,
        clock,
        actor,
        Event::UserProfileUpdated,
        Some(&user.userid),
        serde_json::json!({"username": user.username, "fields": changed}),
    )
    .await;
    reload(repos, &user.userid).await
}

fn changed_fields(a: &Profile, b: &Profile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let pairs: [(&'static str, bool); 10] = [
        ("name", a.name != b.name),
        ("given_name", a.given_name != b.given_name),
        ("family_name", a.family_name != b.family_name),
        ("nickname", a.nickname != b.nickname),
        ("email", a.email != b.email),
        ("email_verified", a.email_verified != b.email_verified),
        ("phone", a.phone != b.phone),
        ("phone_verified", a.phone_verified != b.phone_verified),
        ("picture", a.picture != b.picture),
        ("locale", a.locale != b.locale),
    ];
    for (name, differs) in pairs {
        if differs {
            out.push(name);
        }
    }
    out
}

pub(crate) async fn reload(repos: &Repos, userid: &str) -> Result<User, ManageError> {
    repos
        .users
        .get(userid)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("user {userid:?}")))
}

/// Renames a user (the userid, and so the OIDC `sub`, never changes).
pub async fn rename_user(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    new_name: &str,
) -> Result<User, ManageError> {
    let name = username::parse(new_name).map_err(|e| ManageError::Invalid(e.to_string()))?;
    if name == user.username {
        return Ok(user.clone());
    }
    repos
        .users
        .set_username(&user.userid, &name, clock.now())
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => ManageError::Conflict(format!("username {name:?}")),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::UserRenamed,
        Some(&user.userid),
        serde_json::json!({"from": user.username, "to": name}),
    )
    .await;
    reload(repos, &user.userid).await
}

/// Replaces a user's groups (groups confer no administrative rights: roles
/// do).
pub async fn set_groups(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    groups: &[String],
) -> Result<User, ManageError> {
    let groups = clean_groups(groups)?;
    if groups == user.groups {
        return Ok(user.clone());
    }
    repos
        .users
        .set_groups(&user.userid, &groups, clock.now())
        .await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::UserGroupsChanged,
        Some(&user.userid),
        serde_json::json!({"username": user.username, "from": user.groups, "to": groups}),
    )
    .await;
    reload(repos, &user.userid).await
}

/// Refuses operations by which an administrator would lock themselves out.
pub fn refuse_self(actor: &Actor, user: &User, what: &str) -> Result<(), ManageError> {
    if actor.id == user.userid {
        return Err(ManageError::Refused(format!(
            "you cannot {what} your own account; ask another administrator"
        )));
    }
    Ok(())
}

/// Creates an invite for an existing user to add a credential (account
/// recovery). The link is shown once.
pub async fn create_recovery_invite(
    repos: &Repos,
    clock: &dyn Clock,
    issuer: &str,
    actor: &Actor,
    user: &User,
    ttl_seconds: i64,
) -> Result<CreatedInvite, ManageError> {
    super::create_invite(
        repos,
        clock,
        issuer,
        actor,
        CreateInvite {
            username: user.username.to_string(),
            email: user.profile.email.clone(),
            groups: Vec::new(),
            role: None,
            ttl_seconds,
            note: Some("account recovery".into()),
            userid: Some(user.userid.clone()),
        },
    )
    .await
}
