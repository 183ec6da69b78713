//! Scopes and the user claims each one releases; custom attribute claims
//! per a client's claim mapping; the OIDC `claims` request parameter.
//!
//! What a relying party learns about a user is decided here, in one place:
//! [`available`] lists every claim the user has that the client may receive,
//! each with the scopes that release it (the standard claims of `profile`,
//! `email`, `phone` and `groups`, shaped by the client's
//! [`ClaimMapping`], and the mapped attribute claims under their scopes);
//! [`released`] picks those of the granted scopes plus those named by a
//! `claims` request.
//!
//! Attributes: a user's own attributes win; of the attributes their groups
//! set, the group whose name sorts first (byte order) wins
//! ([`merge_attributes`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::db::{Client, MemberGroup, User};
use crate::domain::claim_mapping::{
    Attributes, ClaimMapping, GroupShape, MAX_NAME, PROTOCOL_CLAIMS, PreferredUsername,
};

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
/// every client, anything else only when listed in the client's `scopes` or
/// named by its claim mapping (a custom scope such as `department`).
#[must_use]
pub fn client_may_request(client: &Client, scope: &str) -> bool {
    USER_SCOPES.contains(&scope)
        || client.scopes.iter().any(|s| s == scope)
        || client.claim_mapping.custom_scopes().contains(&scope)
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

/// What `scope` means for `client`, for the consent page: the fixed text of
/// a known scope, or the claims a custom scope of its mapping releases.
#[must_use]
pub fn describe_for(client: &Client, scope: &str) -> String {
    let text = describe(scope);
    if text != describe("") {
        return text.to_owned();
    }
    let released: Vec<&str> = client
        .claim_mapping
        .claims
        .iter()
        .filter(|m| m.scopes.iter().any(|s| s == scope))
        .map(|m| m.claim.as_str())
        .collect();
    if released.is_empty() {
        text.to_owned()
    } else {
        format!("Your {}", released.join(", "))
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

/// The attributes that apply to a user: each group's attributes, the
/// group whose name sorts first winning among groups (`groups` must be in
/// name order, as [`crate::db::AttributeRepo::member_groups`] returns
/// them), then the user's own, which win over every group's.
#[must_use]
pub fn merge_attributes(user: &Attributes, groups: &[MemberGroup]) -> Attributes {
    let mut merged = Attributes::new();
    for g in groups {
        for (k, v) in &g.attributes {
            if !merged.contains_key(k) {
                merged.insert(k.clone(), v.clone());
            }
        }
    }
    for (k, v) in user {
        merged.insert(k.clone(), v.clone());
    }
    merged
}

/// Who the claims are about: the user, their groups with ids and
/// attributes (empty when the client's mapping needs neither; see
/// [`ClaimMapping::needs_groups`]), and the client's mapping.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub user: &'a User,
    pub groups: &'a [MemberGroup],
    pub mapping: &'a ClaimMapping,
}

/// One claim a client may receive about a user.
#[derive(Debug, Clone, PartialEq)]
pub struct Available {
    pub value: Value,
    /// Any one of these scopes releases it.
    pub scopes: Vec<String>,
}

/// The scopes that release the standard claim `name` under `mapping`
/// (`None` for claims that are not standard user claims).
fn standard_scope(mapping: &ClaimMapping, name: &str) -> Option<&'static str> {
    Some(match name {
        "name" | "given_name" | "family_name" | "nickname" | "picture" | "locale"
        | "preferred_username" | "updated_at" => "profile",
        "email" | "email_verified" => "email",
        "phone_number" | "phone_number_verified" => "phone",
        n if n == mapping.groups.claim => "groups",
        _ => return None,
    })
}

/// The scopes that release claim `name` for a client with `mapping`, for
/// any user (what consenting to that claim means); `None` when the client
/// can never receive it.
#[must_use]
pub fn scopes_of_claim(mapping: &ClaimMapping, name: &str) -> Option<Vec<String>> {
    if let Some(scope) = standard_scope(mapping, name) {
        return Some(vec![scope.to_owned()]);
    }
    mapping
        .claims
        .iter()
        .find(|m| m.claim == name)
        .map(|m| m.scopes.clone())
}

/// Every claim `subject.user` has that the client may receive, with the
/// scopes that release it (never `sub` or the other protocol claims).
#[must_use]
pub fn available(subject: Subject<'_>) -> BTreeMap<String, Available> {
    let Subject {
        user,
        groups,
        mapping,
    } = subject;
    let mut out = BTreeMap::new();
    let mut put = |name: &str, value: Option<Value>, scopes: Vec<String>| {
        if let Some(value) = value {
            out.insert(name.to_owned(), Available { value, scopes });
        }
    };
    let std = |scope: &str| vec![scope.to_owned()];
    let text = |v: &Option<String>| v.as_ref().map(|v| json!(v));
    let p = &user.profile;
    let merged = if mapping.needs_groups() {
        merge_attributes(&user.attributes, groups)
    } else {
        user.attributes.clone()
    };
    put("name", text(&p.name), std("profile"));
    put("given_name", text(&p.given_name), std("profile"));
    put("family_name", text(&p.family_name), std("profile"));
    put("nickname", text(&p.nickname), std("profile"));
    put("picture", text(&p.picture), std("profile"));
    put("locale", text(&p.locale), std("profile"));
    let preferred = match &mapping.preferred_username {
        PreferredUsername::Username => Some(json!(user.username.to_string())),
        PreferredUsername::Email => text(&p.email),
        PreferredUsername::Attribute(a) => merged.get(a).filter(|v| v.is_string()).cloned(),
    };
    put("preferred_username", preferred, std("profile"));
    put("updated_at", Some(json!(user.updated_at)), std("profile"));
    put("email", text(&p.email), std("email"));
    if p.email.is_some() {
        put("email_verified", Some(json!(p.email_verified)), std("email"));
    }
    put("phone_number", text(&p.phone), std("phone"));
    if p.phone.is_some() {
        put(
            "phone_number_verified",
            Some(json!(p.phone_verified)),
            std("phone"),
        );
    }
    let group_list = match mapping.groups.shape {
        GroupShape::Names => json!(user.groups),
        GroupShape::Ids => {
            let ids: Vec<String> = groups.iter().map(|g| g.id.to_string()).collect();
            json!(ids)
        }
    };
    put(&mapping.groups.claim, Some(group_list), std("groups"));
    for m in &mapping.claims {
        put(&m.claim, merged.get(&m.attribute).cloned(), m.scopes.clone());
    }
    out
}

/// The claims released to a client: those of `available` that one of the
/// granted `scopes` releases, plus those `requested` (one member of a
/// `claims` request) names whose value satisfies the request's `value` or
/// `values`. Never `sub`; callers add it.
#[must_use]
pub fn released(
    available: &BTreeMap<String, Available>,
    scopes: &[String],
    requested: Option<&BTreeMap<String, ClaimRequest>>,
) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (name, a) in available {
        let by_scope = a.scopes.iter().any(|s| scopes.contains(s));
        let by_request = requested
            .and_then(|r| r.get(name))
            .is_some_and(|r| r.satisfied_by(&a.value));
        if by_scope || by_request {
            out.insert(name.clone(), a.value.clone());
        }
    }
    out
}

/// The user claims released for `scopes` under the default mapping
/// (never `sub`; callers add it).
#[must_use]
pub fn user_claims(user: &User, scopes: &[String]) -> BTreeMap<String, Value> {
    let mapping = ClaimMapping::default();
    let subject = Subject {
        user,
        groups: &[],
        mapping: &mapping,
    };
    released(&available(subject), scopes, None)
}

/// The scopes a user consents to for a request: the grantable requested
/// `scopes`, plus for each claim a `claims` request names that one of the
/// client's scopes would release, that claim's first scope when none of its
/// scopes is among them (so the consent page names everything the client
/// will learn, and remembered consent covers it).
#[must_use]
pub fn consent_scopes(
    scopes: &[String],
    claims: Option<&ClaimsRequest>,
    client: &Client,
    user: &User,
) -> Vec<String> {
    let mut out = grantable_for_user(scopes, user);
    let Some(claims) = claims else {
        return out;
    };
    for name in claims.userinfo.keys().chain(claims.id_token.keys()) {
        let Some(scopes) = scopes_of_claim(&client.claim_mapping, name) else {
            continue;
        };
        if !scopes.iter().any(|s| out.contains(s))
            && let Some(first) = scopes.first()
        {
            out.push(first.clone());
        }
    }
    out
}

/// One claim of a `claims` request (OpenID Connect Core §5.5.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRequest {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub essential: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Value>>,
}

impl ClaimRequest {
    /// Whether the user's `value` satisfies the request: equal to its
    /// `value` and among its `values`, where given.
    #[must_use]
    pub fn satisfied_by(&self, value: &Value) -> bool {
        self.value.as_ref().is_none_or(|v| v == value)
            && self.values.as_ref().is_none_or(|vs| vs.contains(value))
    }
}

/// A parsed `claims` request parameter: the claims asked for in userinfo
/// and in the ID token. Protocol claims (`sub`, `acr`, …) are taken out
/// while parsing ([`parse_claims_request`]); what remains are user claims.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimsRequest {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub userinfo: BTreeMap<String, ClaimRequest>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub id_token: BTreeMap<String, ClaimRequest>,
}

impl ClaimsRequest {
    /// Whether nothing is asked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.userinfo.is_empty() && self.id_token.is_empty()
    }

    /// The request as compact JSON (what a refresh token keeps).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads what [`Self::to_json`] wrote; `None` for anything else.
    #[must_use]
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// What a `claims` parameter asks of the protocol itself, beside user claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedClaims {
    /// The user claims asked for (`None` when none remain).
    pub request: Option<ClaimsRequest>,
    /// A `sub` the request insists on (its `value`, in either member).
    pub sub: Option<String>,
    /// The `acr` values of an essential `acr` request in the ID token.
    pub essential_acr: Option<Vec<String>>,
}

/// Most claims one member of a `claims` request may name.
const MAX_REQUESTED: usize = 64;

/// Parses the `claims` request parameter (OpenID Connect Core §5.5).
/// Members other than `userinfo` and `id_token` are ignored, as are claim
/// names that are not claim-like (no client could receive them); a
/// malformed document is an error text for `invalid_request`.
pub fn parse_claims_request(text: &str) -> Result<ParsedClaims, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("the claims parameter is not valid JSON: {e}"))?;
    let Value::Object(top) = value else {
        return Err("the claims parameter must be a JSON object".into());
    };
    let mut parsed = ParsedClaims::default();
    let mut request = ClaimsRequest::default();
    for (member, target) in [
        ("userinfo", &mut request.userinfo),
        ("id_token", &mut request.id_token),
    ] {
        let entries = match top.get(member) {
            None | Some(Value::Null) => continue,
            Some(Value::Object(entries)) => entries,
            Some(_) => return Err(format!("claims.{member} must be a JSON object")),
        };
        if entries.len() > MAX_REQUESTED {
            return Err(format!(
                "claims.{member} names more than {MAX_REQUESTED} claims"
            ));
        }
        for (name, entry) in entries {
            let r = parse_entry(member, name, entry)?;
            match name.as_str() {
                "sub" => {
                    if r.values.is_some() {
                        return Err(format!(
                            "claims.{member}.sub: use value (one subject), not values"
                        ));
                    }
                    if let Some(v) = &r.value {
                        let Value::String(sub) = v else {
                            return Err(format!("claims.{member}.sub.value must be a string"));
                        };
                        if parsed.sub.as_ref().is_some_and(|s| s != sub) {
                            return Err("claims asks for two different subjects".into());
                        }
                        parsed.sub = Some(sub.clone());
                    }
                }
                "acr" if member == "id_token" && r.essential => {
                    let values: Vec<Value> = r
                        .value
                        .iter()
                        .cloned()
                        .chain(r.values.iter().flatten().cloned())
                        .collect();
                    if !values.is_empty() {
                        let mut acrs = Vec::new();
                        for v in values {
                            let Value::String(v) = v else {
                                return Err("claims.id_token.acr values must be strings".into());
                            };
                            acrs.push(v);
                        }
                        parsed.essential_acr = Some(acrs);
                    }
                }
                n if PROTOCOL_CLAIMS.contains(&n) => {}
                n if !claim_like(n) => {}
                _ => {
                    target.insert(name.clone(), r);
                }
            }
        }
    }
    if !request.is_empty() {
        parsed.request = Some(request);
    }
    Ok(parsed)
}

fn claim_like(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn parse_entry(member: &str, name: &str, entry: &Value) -> Result<ClaimRequest, String> {
    let fields = match entry {
        Value::Null => return Ok(ClaimRequest::default()),
        Value::Object(fields) => fields,
        _ => {
            return Err(format!(
                "claims.{member}.{name} must be null or a JSON object"
            ));
        }
    };
    let essential = match fields.get("essential") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(format!("claims.{member}.{name}.essential must be true or false")),
    };
    let value = fields.get("value").filter(|v| !v.is_null()).cloned();
    let values = match fields.get("values") {
        None | Some(Value::Null) => None,
        Some(Value::Array(vs)) => Some(vs.clone()),
        Some(_) => return Err(format!("claims.{member}.{name}.values must be an array")),
    };
    Ok(ClaimRequest {
        essential,
        value,
        values,
    })
}
