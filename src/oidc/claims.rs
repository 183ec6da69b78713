//! Scopes and the user claims each one releases.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::db::{Client, User};

/// Scope that grants the management API.
pub const ADMIN_SCOPE: &str = "latchkey:admin";

/// Scopes a relying party may request for a user.
pub const USER_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "phone",
    "groups",
    "offline_access",
];

/// Every scope advertised in discovery: the user scopes. Internal scopes
/// (see [`is_internal`]) are not advertised.
pub const SUPPORTED_SCOPES: &[&str] = USER_SCOPES;

/// Path of the admin API; with the issuer in front it is the audience of
/// tokens that carry an internal scope.
pub const ADMIN_API_PATH: &str = "/api/admin/v1";

/// The audience (`aud`) that names the admin API for `issuer`.
#[must_use]
pub fn admin_audience(issuer: &str) -> String {
    format!("{issuer}{ADMIN_API_PATH}")
}

/// Whether `scope` is one of Latchkey's own administration scopes
/// (`latchkey:…`): granted only to clients an administrator allowed it,
/// always with a consent screen, and only with the admin API as audience.
#[must_use]
pub fn is_internal(scope: &str) -> bool {
    scope.starts_with("latchkey:")
}

/// Whether granting `scopes` needs the consent screen whatever the client's
/// `skip_consent` or remembered consent say (an internal scope is never
/// granted silently).
#[must_use]
pub fn needs_explicit_consent(scopes: &[String]) -> bool {
    scopes.iter().any(|s| is_internal(s))
}

/// Whether `client` may request `scope` for a user: the user scopes for
/// every client, anything else only when listed in the client's `scopes`.
#[must_use]
pub fn client_may_request(client: &Client, scope: &str) -> bool {
    USER_SCOPES.contains(&scope) || client.scopes.iter().any(|s| s == scope)
}

/// The requested scopes `client` may receive for a user, in order; the
/// others are dropped.
#[must_use]
pub fn allowed_for_client(requested: &[String], client: &Client) -> Vec<String> {
    requested
        .iter()
        .filter(|s| client_may_request(client, s))
        .cloned()
        .collect()
}

/// Claims advertised in discovery.
pub const SUPPORTED_CLAIMS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "azp",
    "at_hash",
    "amr",
    "acr",
    "sid",
    "name",
    "given_name",
    "family_name",
    "nickname",
    "preferred_username",
    "picture",
    "locale",
    "updated_at",
    "email",
    "email_verified",
    "phone_number",
    "phone_number_verified",
    "groups",
];

/// What each scope means, for the consent page.
#[must_use]
pub fn describe(scope: &str) -> &'static str {
    match scope {
        "openid" => "Sign you in and know your user id",
        "profile" => "Your name, username, picture and locale",
        "email" => "Your email address",
        "phone" => "Your phone number",
        "groups" => "The groups you belong to",
        "offline_access" => "Stay signed in when you are not using it",
        ADMIN_SCOPE => "Administer Latchkey on your behalf",
        _ => "Unknown permission",
    }
}

/// Splits a space-separated scope string, keeping order and dropping duplicates.
#[must_use]
pub fn split(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scope.split(' ').filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

/// The scopes of a user request that Latchkey grants for `user`: every
/// scope but the internal ones, which only administrators receive. Callers
/// have already kept only what the client may request
/// ([`allowed_for_client`]).
#[must_use]
pub fn grantable_for_user(requested: &[String], user: &User) -> Vec<String> {
    requested
        .iter()
        .filter(|s| !is_internal(s) || (s.as_str() == ADMIN_SCOPE && user.is_admin()))
        .cloned()
        .collect()
}

/// The user claims released for `scopes` (never `sub`; callers add it).
#[must_use]
pub fn user_claims(user: &User, scopes: &[String]) -> BTreeMap<String, Value> {
    let has = |s: &str| scopes.iter().any(|x| x == s);
    let mut claims = BTreeMap::new();
    let mut put = |k: &str, v: Option<&String>| {
        if let Some(v) = v {
            claims.insert(k.to_owned(), json!(v));
        }
    };
    let p = &user.profile;
    if has("profile") {
        put("name", p.name.as_ref());
        put("given_name", p.given_name.as_ref());
        put("family_name", p.family_name.as_ref());
        put("nickname", p.nickname.as_ref());
        put("picture", p.picture.as_ref());
        put("locale", p.locale.as_ref());
        put("preferred_username", Some(&user.username.to_string()));
    }
    if has("email") {
        put("email", p.email.as_ref());
    }
    if has("phone") {
        put("phone_number", p.phone.as_ref());
    }
    if has("profile") {
        claims.insert("updated_at".into(), json!(user.updated_at));
    }
    if has("email") && p.email.is_some() {
        claims.insert("email_verified".into(), json!(p.email_verified));
    }
    if has("phone") && p.phone.is_some() {
        claims.insert("phone_number_verified".into(), json!(p.phone_verified));
    }
    if has("groups") {
        claims.insert("groups".into(), json!(user.groups));
    }
    claims
}
