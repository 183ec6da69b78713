//! Custom attributes of users and groups, and a client's claim mapping:
//! which attributes a relying party receives in which claims, under which
//! scopes, what its `preferred_username` is, and how its groups claim looks.
//!
//! Both are JSON an administrator writes; both are parsed and checked here
//! before anything is stored (names like claim names, no protocol claims,
//! bounded size), so the protocol core only ever sees valid ones.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Attributes of a user or a group: names to any JSON value.
pub type Attributes = Map<String, Value>;

/// Longest attribute or claim name.
pub const MAX_NAME: usize = 64;

/// Largest attribute object, as compact JSON (16 KiB).
pub const MAX_ATTRIBUTES_BYTES: usize = 16 * 1024;

/// Largest claim mapping, as compact JSON.
pub const MAX_MAPPING_BYTES: usize = 16 * 1024;

/// Most mapped claims per client.
pub const MAX_MAPPED_CLAIMS: usize = 64;

/// Claims the protocol itself defines (tokens, sessions, bindings): no
/// attribute or mapped claim may take their names.
pub const PROTOCOL_CLAIMS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "nbf",
    "auth_time",
    "nonce",
    "acr",
    "amr",
    "azp",
    "sid",
    "at_hash",
    "c_hash",
    "jti",
    "cnf",
    "scope",
    "client_id",
];

/// The standard claims Latchkey releases from a user's profile under the
/// `profile`, `email` and `phone` scopes (`preferred_username` and the
/// groups claim have their own settings in a mapping): a mapped claim may
/// not take their names either, so what they mean stays what the profile says.
pub const PROFILE_CLAIMS: &[&str] = &[
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
];

/// Why an attribute set or a claim mapping was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

/// Checks that `name` looks like a claim name: 1 to [`MAX_NAME`] ASCII
/// letters, digits, `_`, `-` and `.`, starting with a letter or `_`.
pub fn check_name(what: &str, name: &str) -> Result<(), Invalid> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !ok {
        return Err(Invalid(format!(
            "{what} {name:?} is not a valid name: use 1 to {MAX_NAME} ASCII letters, digits, \
             '_', '-' or '.', starting with a letter or '_'"
        )));
    }
    if PROTOCOL_CLAIMS.contains(&name) {
        return Err(Invalid(format!(
            "{what} {name:?} is a protocol claim and cannot be set or mapped"
        )));
    }
    Ok(())
}

/// Checks an attribute object: valid names, at most
/// [`MAX_ATTRIBUTES_BYTES`] as JSON.
pub fn check_attributes(attributes: &Attributes) -> Result<(), Invalid> {
    for name in attributes.keys() {
        check_name("attribute", name)?;
    }
    let size = serde_json::to_vec(attributes).map_or(usize::MAX, |v| v.len());
    if size > MAX_ATTRIBUTES_BYTES {
        return Err(Invalid(format!(
            "the attributes take {size} bytes as JSON; at most {MAX_ATTRIBUTES_BYTES} are allowed"
        )));
    }
    Ok(())
}

/// Parses attributes from JSON text (an object; empty text is `{}`).
pub fn parse_attributes(text: &str) -> Result<Attributes, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Attributes::new());
    }
    if text.len() > 4 * MAX_ATTRIBUTES_BYTES {
        return Err(Invalid("the attributes are too large".into()));
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Invalid(format!("the attributes are not valid JSON: {e}")))?;
    let Value::Object(attributes) = value else {
        return Err(Invalid(
            "the attributes must be a JSON object of names to values".into(),
        ));
    };
    check_attributes(&attributes)?;
    Ok(attributes)
}

/// Where `preferred_username` comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PreferredUsername {
    /// The username (the default).
    #[default]
    Username,
    /// The email address, when it is verified (absent otherwise: users
    /// may change their own address).
    Email,
    /// A string attribute of the user (absent when unset or not a string).
    Attribute(String),
}

impl PreferredUsername {
    fn is_default(&self) -> bool {
        *self == Self::Username
    }
}

/// How the groups claim lists groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupShape {
    /// Group names (the default).
    #[default]
    Names,
    /// Group ids (stable across renames), as strings.
    Ids,
}

/// The groups claim of a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsClaim {
    /// The claim's name (default `groups`).
    #[serde(default = "default_groups_claim")]
    pub claim: String,
    #[serde(default)]
    pub shape: GroupShape,
}

fn default_groups_claim() -> String {
    "groups".into()
}

impl Default for GroupsClaim {
    fn default() -> Self {
        Self {
            claim: default_groups_claim(),
            shape: GroupShape::Names,
        }
    }
}

impl GroupsClaim {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// One attribute released as a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappedClaim {
    /// The claim's name in tokens and userinfo.
    pub claim: String,
    /// The attribute (of the user, else of their groups) it carries.
    pub attribute: String,
    /// The claim is released when one of these scopes was granted
    /// (`openid`: always). Scopes that are not user scopes become scopes
    /// this client may request.
    pub scopes: Vec<String>,
}

/// A client's claim mapping. The empty mapping (`{}`) is the default
/// behaviour: no attribute claims, `preferred_username` is the username,
/// `groups` lists group names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimMapping {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<MappedClaim>,
    #[serde(default, skip_serializing_if = "PreferredUsername::is_default")]
    pub preferred_username: PreferredUsername,
    #[serde(default, skip_serializing_if = "GroupsClaim::is_default")]
    pub groups: GroupsClaim,
}

/// The scopes Latchkey defines for users, with claims of their own.
const USER_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "phone",
    "groups",
    "offline_access",
];

fn check_scope(claim: &str, scope: &str) -> Result<(), Invalid> {
    let ok = !scope.is_empty()
        && scope.len() <= 100
        && scope
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\');
    if !ok {
        return Err(Invalid(format!(
            "claim {claim:?}: {scope:?} is not a valid scope"
        )));
    }
    if scope.starts_with("latchkey:") {
        return Err(Invalid(format!(
            "claim {claim:?}: the internal scope {scope:?} cannot release claims"
        )));
    }
    Ok(())
}

impl ClaimMapping {
    /// Whether this is the default mapping.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Parses and checks a mapping from JSON text (empty text is `{}`).
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Self::default());
        }
        if text.len() > MAX_MAPPING_BYTES {
            return Err(Invalid(format!(
                "the claim mapping is larger than {MAX_MAPPING_BYTES} bytes"
            )));
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Invalid(format!("the claim mapping is not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Parses and checks a mapping from a JSON value.
    pub fn from_value(value: Value) -> Result<Self, Invalid> {
        if value.is_null() {
            return Ok(Self::default());
        }
        if !value.is_object() {
            return Err(Invalid(
                "the claim mapping is not valid: it must be a JSON object".into(),
            ));
        }
        let mapping: Self = serde_json::from_value(value)
            .map_err(|e| Invalid(format!("the claim mapping is not valid: {e}")))?;
        mapping.check()?;
        Ok(mapping)
    }

    /// Checks names, scopes and collisions.
    pub fn check(&self) -> Result<(), Invalid> {
        if self.claims.len() > MAX_MAPPED_CLAIMS {
            return Err(Invalid(format!(
                "the claim mapping maps more than {MAX_MAPPED_CLAIMS} claims"
            )));
        }
        let groups = &self.groups.claim;
        check_name("groups claim", groups)?;
        if PROFILE_CLAIMS.contains(&groups.as_str()) {
            return Err(Invalid(format!(
                "groups claim {groups:?} would replace a standard profile claim"
            )));
        }
        if let PreferredUsername::Attribute(a) = &self.preferred_username {
            check_name("preferred_username attribute", a)?;
        }
        let mut seen: Vec<&str> = Vec::new();
        for m in &self.claims {
            check_name("claim", &m.claim)?;
            check_name("attribute", &m.attribute)?;
            if PROFILE_CLAIMS.contains(&m.claim.as_str()) {
                return Err(Invalid(format!(
                    "claim {:?} is a standard profile claim; set it in the user's profile instead",
                    m.claim
                )));
            }
            if m.claim == *groups {
                return Err(Invalid(format!(
                    "claim {:?} is the groups claim of this mapping",
                    m.claim
                )));
            }
            if seen.contains(&m.claim.as_str()) {
                return Err(Invalid(format!("claim {:?} is mapped twice", m.claim)));
            }
            seen.push(&m.claim);
            if m.scopes.is_empty() {
                return Err(Invalid(format!(
                    "claim {:?} names no scope (use [\"openid\"] to release it always)",
                    m.claim
                )));
            }
            for s in &m.scopes {
                check_scope(&m.claim, s)?;
            }
        }
        Ok(())
    }

    /// The custom scopes the mapping releases claims under (scopes that are
    /// not Latchkey's user scopes), in order, each once.
    #[must_use]
    pub fn custom_scopes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in self.claims.iter().flat_map(|m| &m.scopes) {
            if !USER_SCOPES.contains(&s.as_str()) && !out.contains(&s.as_str()) {
                out.push(s);
            }
        }
        out
    }

    /// Whether the mapping needs the attributes of the user's groups or
    /// their ids (so the caller must load them).
    #[must_use]
    pub fn needs_groups(&self) -> bool {
        !self.claims.is_empty()
            || self.groups.shape == GroupShape::Ids
            || matches!(self.preferred_username, PreferredUsername::Attribute(_))
    }

    /// The mapping as compact JSON (what is stored).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_claim_like_and_never_protocol_claims() {
        assert!(check_name("attribute", "department").is_ok());
        assert!(check_name("attribute", "org.unit-2_x").is_ok());
        assert!(check_name("attribute", "_x").is_ok());
        for bad in ["", "1abc", "a b", "é", "a/b", &"x".repeat(65)] {
            assert!(check_name("attribute", bad).is_err(), "{bad:?}");
        }
        for protocol in PROTOCOL_CLAIMS {
            let e = check_name("attribute", protocol).unwrap_err();
            assert!(e.0.contains("protocol claim"), "{e}");
        }
    }

    #[test]
    fn attributes_are_objects_with_good_names_and_bounded() {
        assert_eq!(parse_attributes("").unwrap(), Attributes::new());
        let a = parse_attributes(r#"{"department": "ops", "level": 3, "tags": ["a"]}"#).unwrap();
        assert_eq!(a["level"], 3);
        assert!(parse_attributes("[1]").unwrap_err().0.contains("object"));
        assert!(parse_attributes("{").unwrap_err().0.contains("JSON"));
        assert!(parse_attributes(r#"{"sub": "x"}"#).is_err());
        assert!(parse_attributes(r#"{"a b": 1}"#).is_err());
        let big = format!(r#"{{"a": "{}"}}"#, "x".repeat(MAX_ATTRIBUTES_BYTES));
        assert!(parse_attributes(&big).unwrap_err().0.contains("bytes"));
    }

    #[test]
    fn mappings_parse_with_defaults_and_round_trip() {
        assert!(ClaimMapping::parse("").unwrap().is_empty());
        assert!(ClaimMapping::parse("{}").unwrap().is_empty());
        let m = ClaimMapping::parse(
            r#"{"claims": [{"claim": "department", "attribute": "dept", "scopes": ["department", "profile"]}],
                "preferred_username": "email",
                "groups": {"claim": "roles", "shape": "ids"}}"#,
        )
        .unwrap();
        assert_eq!(m.preferred_username, PreferredUsername::Email);
        assert_eq!(m.groups.shape, GroupShape::Ids);
        assert_eq!(m.groups.claim, "roles");
        assert_eq!(m.custom_scopes(), vec!["department"]);
        assert!(m.needs_groups());
        assert_eq!(ClaimMapping::parse(&m.to_json()).unwrap(), m);
        let a = ClaimMapping::parse(r#"{"preferred_username": {"attribute": "uid"}}"#).unwrap();
        assert_eq!(
            a.preferred_username,
            PreferredUsername::Attribute("uid".into())
        );
        let g = ClaimMapping::parse(r#"{"groups": {"shape": "names"}}"#).unwrap();
        assert!(g.is_empty());
        assert_eq!(g.to_json(), "{}");
    }

    #[test]
    fn bad_mappings_are_refused_with_a_reason() {
        let cases = [
            (r#"{"groups": {"shape": "objects"}}"#, "unknown variant"),
            (r#"{"colour": 1}"#, "unknown field"),
            (
                r#"{"claims": [{"claim": "iss", "attribute": "a", "scopes": ["x"]}]}"#,
                "protocol claim",
            ),
            (
                r#"{"claims": [{"claim": "email", "attribute": "a", "scopes": ["x"]}]}"#,
                "standard profile claim",
            ),
            (
                r#"{"claims": [{"claim": "bad name", "attribute": "a", "scopes": ["x"]}]}"#,
                "not a valid name",
            ),
            (
                r#"{"claims": [{"claim": "d", "attribute": "a", "scopes": []}]}"#,
                "names no scope",
            ),
            (
                r#"{"claims": [{"claim": "d", "attribute": "a", "scopes": ["latchkey:admin"]}]}"#,
                "internal scope",
            ),
            (
                r#"{"claims": [{"claim": "d", "attribute": "a", "scopes": ["x"]}, {"claim": "d", "attribute": "b", "scopes": ["x"]}]}"#,
                "mapped twice",
            ),
            (
                r#"{"claims": [{"claim": "groups", "attribute": "a", "scopes": ["x"]}]}"#,
                "groups claim",
            ),
            (r#"{"groups": {"claim": "sub"}}"#, "protocol claim"),
            (r#"{"preferred_username": "nickname"}"#, "unknown variant"),
            ("[]", "not valid"),
        ];
        for (text, expected) in cases {
            let e = ClaimMapping::parse(text).unwrap_err();
            assert!(e.0.contains(expected), "{text}: {e}");
        }
    }
}
