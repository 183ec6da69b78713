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
pub fn describe(scope: &str) -> String {
    crate::i18n::t(match scope {
        "openid" => "scope-openid",
        "profile" => "scope-profile",
        "email" => "scope-email",
        "phone" => "scope-phone",
        "groups" => "scope-groups",
        "offline_access" => "scope-offline-access",
        ADMIN_SCOPE => "scope-admin",
        _ => "scope-unknown",
    })
}

/// What `scope` means for `client`, for the consent page: the fixed text of
/// a known scope, or the claims a custom scope of its mapping releases
/// (in the request's language, [`crate::i18n`]).
#[must_use]
pub fn describe_for(client: &Client, scope: &str) -> String {
    let text = describe(scope);
    if text != describe("") {
        return text;
    }
    let released: Vec<&str> = client
        .claim_mapping
        .claims
        .iter()
        .filter(|m| m.scopes.iter().any(|s| s == scope))
        .map(|m| m.claim.as_str())
        .collect();
    if released.is_empty() {
        text
    } else {
        crate::i18n::t_args("scope-claims", &[("claims", released.join(", ").into())])
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
        // Only a verified address: a user may change their own address,
        // and a relying party may key accounts on preferred_username.
        PreferredUsername::Email => text(&p.email).filter(|_| p.email_verified),
        PreferredUsername::Attribute(a) => merged.get(a).filter(|v| v.is_string()).cloned(),
    };
    put("preferred_username", preferred, std("profile"));
    put("updated_at", Some(json!(user.updated_at)), std("profile"));
    put("email", text(&p.email), std("email"));
    if p.email.is_some() {
        put(
            "email_verified",
            Some(json!(p.email_verified)),
            std("email"),
        );
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
        put(
            &m.claim,
            merged.get(&m.attribute).cloned(),
            m.scopes.clone(),
        );
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
        Some(_) => {
            return Err(format!(
                "claims.{member}.{name}.essential must be true or false"
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Profile;
    use crate::domain::username::Username;

    fn attrs(v: Value) -> Attributes {
        match v {
            Value::Object(m) => m,
            _ => panic!("not an object"),
        }
    }

    fn user(attributes: Value) -> User {
        User {
            userid: "lusab-babad".into(),
            username: Username::exact("alice").unwrap(),
            profile: Profile {
                name: Some("Alice".into()),
                email: Some("alice@example.com".into()),
                email_verified: true,
                ..Profile::default()
            },
            groups: vec!["ops".into(), "staff".into()],
            attributes: attrs(attributes),
            role: None,
            active: true,
            created_at: 1,
            updated_at: 2,
        }
    }

    fn groups() -> Vec<MemberGroup> {
        vec![
            MemberGroup {
                id: 7,
                name: "ops".into(),
                attributes: attrs(json!({"department": "Operations", "floor": 2})),
            },
            MemberGroup {
                id: 3,
                name: "staff".into(),
                attributes: attrs(json!({"department": "Staff", "building": "B"})),
            },
        ]
    }

    fn scopes(s: &str) -> Vec<String> {
        split(s)
    }

    #[test]
    fn user_attributes_win_and_the_first_group_by_name_wins_among_groups() {
        let merged = merge_attributes(&attrs(json!({"floor": 3})), &groups());
        assert_eq!(
            Value::Object(merged),
            json!({"department": "Operations", "floor": 3, "building": "B"})
        );
        assert!(merge_attributes(&Attributes::new(), &[]).is_empty());
    }

    #[test]
    fn the_default_mapping_releases_the_fixed_claims() {
        let u = user(json!({"department": "Mine"}));
        let c = user_claims(&u, &scopes("openid profile email groups"));
        assert_eq!(c["preferred_username"], "alice");
        assert_eq!(c["groups"], json!(["ops", "staff"]));
        assert_eq!(c["email_verified"], true);
        assert!(!c.contains_key("department"), "attributes need a mapping");
        assert!(!c.contains_key("phone_number_verified"), "no phone");
        let c = user_claims(&u, &scopes("openid"));
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn mapped_claims_appear_only_under_their_scopes_with_the_mapping_shape() {
        let mapping = ClaimMapping::parse(
            r#"{"claims": [
                  {"claim": "department", "attribute": "department", "scopes": ["department"]},
                  {"claim": "floor", "attribute": "floor", "scopes": ["profile", "site"]},
                  {"claim": "missing", "attribute": "nothing", "scopes": ["openid"]}],
                "preferred_username": "email",
                "groups": {"claim": "roles", "shape": "ids"}}"#,
        )
        .unwrap();
        let u = user(json!({"floor": 3}));
        let g = groups();
        let all = available(Subject {
            user: &u,
            groups: &g,
            mapping: &mapping,
        });
        let c = released(&all, &scopes("openid groups department"), None);
        assert_eq!(c["department"], "Operations");
        assert_eq!(c["roles"], json!(["7", "3"]));
        assert!(!c.contains_key("groups") && !c.contains_key("floor"));
        assert!(!c.contains_key("missing"), "unset attributes are absent");
        let c = released(&all, &scopes("openid site"), None);
        assert_eq!(c["floor"], 3);
        assert!(!c.contains_key("department"));
        let c = released(&all, &scopes("openid profile"), None);
        assert_eq!(c["preferred_username"], "alice@example.com");
        assert_eq!(c["floor"], 3);
        // An unverified address is not a preferred_username.
        let mut unverified = user(json!({}));
        unverified.profile.email_verified = false;
        let a = available(Subject {
            user: &unverified,
            groups: &g,
            mapping: &mapping,
        });
        assert!(!released(&a, &scopes("openid profile"), None).contains_key("preferred_username"));
        // preferred_username from an attribute, only when it is a string.
        for (attribute, expected) in [("handle", Some("ali")), ("floor", None)] {
            let m = ClaimMapping {
                preferred_username: PreferredUsername::Attribute(attribute.into()),
                ..ClaimMapping::default()
            };
            let u = user(json!({"handle": "ali", "floor": 3}));
            let a = available(Subject {
                user: &u,
                groups: &[],
                mapping: &m,
            });
            let c = released(&a, &scopes("openid profile"), None);
            assert_eq!(
                c.get("preferred_username").and_then(Value::as_str),
                expected
            );
        }
    }

    #[test]
    fn requested_claims_are_released_when_their_value_matches() {
        let u = user(json!({}));
        let mapping = ClaimMapping::default();
        let a = available(Subject {
            user: &u,
            groups: &[],
            mapping: &mapping,
        });
        let parsed = parse_claims_request(
            r#"{"id_token": {"email": null, "name": {"value": "Bob"}, "locale": null,
                             "groups": {"values": [["ops", "staff"]]}, "sub": null, "acr": null},
                "userinfo": {"name": {"essential": true}}, "other": 1}"#,
        )
        .unwrap();
        let r = parsed.request.unwrap();
        assert!(!r.id_token.contains_key("sub") && !r.id_token.contains_key("acr"));
        let c = released(&a, &scopes("openid"), Some(&r.id_token));
        assert_eq!(c["email"], "alice@example.com");
        assert_eq!(c["groups"], json!(["ops", "staff"]));
        assert!(!c.contains_key("name"), "Alice is not Bob");
        assert!(!c.contains_key("locale"), "alice has none");
        let c = released(&a, &scopes("openid"), Some(&r.userinfo));
        assert_eq!(c.keys().collect::<Vec<_>>(), vec!["name"]);
        // It survives the round trip through a refresh token.
        assert_eq!(ClaimsRequest::from_json(&r.to_json()), Some(r));
    }

    #[test]
    fn sub_and_essential_acr_are_taken_out_and_bad_documents_refused() {
        let p = parse_claims_request(
            r#"{"id_token": {"sub": {"value": "x"}, "acr": {"essential": true, "values": ["2", "1"]}}}"#,
        )
        .unwrap();
        assert_eq!(p.sub.as_deref(), Some("x"));
        assert_eq!(p.essential_acr, Some(vec!["2".to_owned(), "1".to_owned()]));
        assert_eq!(p.request, None);
        let p = parse_claims_request(r#"{"id_token": {"acr": {"values": ["2"]}}}"#).unwrap();
        assert_eq!(
            p.essential_acr, None,
            "a voluntary acr request is not enforced"
        );
        for bad in [
            "x",
            "[]",
            r#"{"userinfo": 1}"#,
            r#"{"userinfo": {"a": []}}"#,
            r#"{"userinfo": {"a": {"essential": 1}}}"#,
            r#"{"userinfo": {"a": {"values": {}}}}"#,
            r#"{"userinfo": {"sub": {"values": ["a"]}}}"#,
            r#"{"userinfo": {"sub": {"value": "a"}}, "id_token": {"sub": {"value": "b"}}}"#,
        ] {
            assert!(parse_claims_request(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn requested_claims_add_the_scopes_that_release_them_to_the_consent() {
        let mut client = Client {
            client_id: crate::domain::client_id::ClientId::parse("c").unwrap(),
            name: "C".into(),
            secret_hash: None,
            public: true,
            redirect_uris: vec![],
            post_logout_redirect_uris: vec![],
            grant_types: vec![],
            scopes: vec![],
            skip_consent: false,
            require_mfa: false,
            resource_server: false,
            id_token_alg: crate::domain::signing_alg::SigningAlg::RS256,
            claim_mapping: ClaimMapping::default(),
            allowed_groups: Vec::new(),
            allowed_origins: Vec::new(),
            require_par: false,
            require_dpop: false,
            backchannel_logout_uri: None,
            backchannel_logout_session_required: false,
            branding: crate::db::Branding::default(),
            jwks: None,
            secret_sealed: None,
            created_at: 0,
            updated_at: 0,
        };
        client.claim_mapping = ClaimMapping::parse(
            r#"{"claims": [{"claim": "department", "attribute": "d", "scopes": ["department", "org"]}]}"#,
        )
        .unwrap();
        let u = user(json!({}));
        let r = parse_claims_request(
            r#"{"id_token": {"email": null, "department": null, "nope": null},
                "userinfo": {"name": null, "given_name": null}}"#,
        )
        .unwrap()
        .request;
        let s = consent_scopes(&scopes("openid org"), r.as_ref(), &client, &u);
        assert_eq!(s, scopes("openid org profile email"));
        assert!(client_may_request(&client, "department"));
        assert!(client_may_request(&client, "org"));
        assert!(!client_may_request(&client, "other"));
        assert_eq!(describe_for(&client, "org"), "Your department");
        assert_eq!(describe_for(&client, "email"), "Your email address");
    }
}
