//! What an import checks before it writes anything: every reference points
//! at something in the document, keys are unique, and values have the form
//! the server reads (the database read-back catches the rest, see
//! `db::transfer::TransferRepo::load`). Each problem is one sentence naming
//! the record.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

use super::Document;
use crate::db::transfer::{
    ApiKeyRow, ClientRegistrationRow, ClientRow, ConsentRow, Dataset, GroupRow, PasskeyRow, Sealed,
    UserRow,
};
use crate::domain::role::Role;
use crate::domain::signing_alg::SigningAlg;
use crate::domain::username::Username;

/// Upper bounds of the argon2 parameters of an imported password hash, so a
/// hostile document cannot make every sign-in allocate gigabytes.
const MAX_M_KIB: u32 = 256 * 1024;
const MAX_T: u32 = 16;
const MAX_P: u32 = 16;

/// Whether `userid` has a form the server can carry everywhere (URL paths,
/// tokens): 1 to 128 of `A-Z a-z 0-9 . _ ~ -`. Latchkey's own are
/// proquints; a UUID from another provider fits too.
fn userid_ok(userid: &str) -> bool {
    (1..=128).contains(&userid.len())
        && userid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

fn is_object(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.is_object())
}

fn string_list(text: &str) -> Option<Vec<String>> {
    serde_json::from_str(text).ok()
}

/// Problems of the plain part of a document.
pub fn document(doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    let data = &doc.data;
    let mut p = |s: String| problems.push(s);

    let mut userids = HashSet::new();
    let mut usernames = HashSet::new();
    let groups: HashSet<&str> = data.groups.iter().map(|g| g.name.as_str()).collect();
    if groups.len() != data.groups.len() {
        p("two groups share one name".into());
    }
    for g in &data.groups {
        if g.name.is_empty() || g.name.len() > 128 || g.name.chars().any(char::is_control) {
            p(format!(
                "group {:?}: the name must be 1 to 128 printable characters",
                g.name
            ));
        }
        if !is_object(&g.attributes) {
            p(format!(
                "group {:?}: attributes must be a JSON object",
                g.name
            ));
        }
    }
    for u in &data.users {
        let who = format!("user {:?}", u.userid);
        if !userid_ok(&u.userid) {
            p(format!(
                "{who}: a userid is 1 to 128 of A-Z a-z 0-9 . _ ~ -"
            ));
        }
        if !userids.insert(u.userid.as_str()) {
            p(format!("{who}: the userid appears twice"));
        }
        if let Err(e) = Username::exact(&u.username) {
            p(format!("{who}: username {:?}: {e}", u.username));
        }
        if !usernames.insert(u.username.as_str()) {
            p(format!(
                "{who}: the username {:?} appears twice",
                u.username
            ));
        }
        if let Some(role) = &u.role
            && role.parse::<Role>().is_err()
        {
            p(format!("{who}: unknown role {role:?}"));
        }
        if !is_object(&u.attributes) {
            p(format!("{who}: attributes must be a JSON object"));
        }
        for g in &u.groups {
            if !groups.contains(g.as_str()) {
                p(format!(
                    "{who}: member of {g:?}, which is not among the groups"
                ));
            }
        }
        if u.groups.iter().collect::<HashSet<_>>().len() != u.groups.len() {
            p(format!("{who}: a group is listed twice"));
        }
    }
    let mut seen = HashSet::new();
    for pw in &data.passwords {
        let who = format!("password of {:?}", pw.userid);
        if !userids.contains(pw.userid.as_str()) {
            p(format!("{who}: no such user"));
        }
        if !seen.insert(pw.userid.as_str()) {
            p(format!("{who}: a user has at most one password"));
        }
        if let Err(e) = password_hash(&pw.hash) {
            p(format!("{who}: {e}"));
        }
    }
    let mut ids = HashSet::new();
    let mut credentials = HashSet::new();
    for pk in &data.passkeys {
        let who = format!("passkey {:?}", pk.id);
        if pk.id.is_empty() || !ids.insert(pk.id.as_str()) {
            p(format!("{who}: the id is empty or appears twice"));
        }
        if !userids.contains(pk.userid.as_str()) {
            p(format!("{who}: no user {:?}", pk.userid));
        }
        if !credentials.insert(pk.credential_id.as_str()) {
            p(format!("{who}: its credential id appears twice"));
        }
        match serde_json::from_str::<webauthn_rs::prelude::Passkey>(&pk.passkey) {
            Ok(key) => {
                if URL_SAFE_NO_PAD.encode(key.cred_id().as_ref()) != pk.credential_id {
                    p(format!(
                        "{who}: credential_id does not match the credential it holds"
                    ));
                }
            }
            Err(e) => p(format!("{who}: not a WebAuthn credential: {e}")),
        }
    }
    let mut seen = HashSet::new();
    for t in &data.totp {
        if !userids.contains(t.userid.as_str()) || !seen.insert(t.userid.as_str()) {
            p(format!(
                "authenticator of {:?}: no such user, or listed twice",
                t.userid
            ));
        }
    }
    let mut seen = HashSet::new();
    for b in &data.backup_codes {
        if !userids.contains(b.userid.as_str()) {
            p(format!("backup code of {:?}: no such user", b.userid));
        }
        if !seen.insert((b.userid.as_str(), b.code_hash.as_str())) {
            p(format!("backup code of {:?}: listed twice", b.userid));
        }
    }
    let mut clients = HashSet::new();
    for c in &data.clients {
        let who = format!("client {:?}", c.client_id);
        if !clients.insert(c.client_id.as_str()) {
            p(format!("{who}: the client id appears twice"));
        }
        for g in &c.allowed_groups {
            if !groups.contains(g.as_str()) {
                p(format!(
                    "{who}: allowed group {g:?} is not among the groups"
                ));
            }
        }
        for (field, text) in [
            ("redirect_uris", &c.redirect_uris),
            ("post_logout_redirect_uris", &c.post_logout_redirect_uris),
        ] {
            match string_list(text) {
                Some(uris) => {
                    for uri in uris {
                        if url::Url::parse(&uri).is_err() {
                            p(format!("{who}: {field}: {uri:?} is not an absolute URL"));
                        }
                    }
                }
                None => p(format!("{who}: {field} must be a list of strings")),
            }
        }
        for (field, text) in [
            ("grant_types", &c.grant_types),
            ("scopes", &c.scopes),
            ("allowed_origins", &c.allowed_origins),
        ] {
            if string_list(text).is_none() {
                p(format!("{who}: {field} must be a list of strings"));
            }
        }
        if !c.public && c.secret_hash.is_none() && c.jwks.is_none() && !c.sealed_secret {
            p(format!(
                "{who}: a confidential client needs a secret_hash, a sealed secret or jwks"
            ));
        }
    }
    let mut seen = HashSet::new();
    for r in &data.client_registrations {
        if !clients.contains(r.client_id.as_str()) || !seen.insert(r.client_id.as_str()) {
            p(format!(
                "registration of {:?}: no such client, or listed twice",
                r.client_id
            ));
        }
    }
    let mut seen = HashSet::new();
    for c in &data.consents {
        if !userids.contains(c.userid.as_str()) || !clients.contains(c.client_id.as_str()) {
            p(format!(
                "consent of {:?} to {:?}: no such user or client",
                c.userid, c.client_id
            ));
        }
        if !seen.insert((c.userid.as_str(), c.client_id.as_str())) {
            p(format!(
                "consent of {:?} to {:?}: listed twice",
                c.userid, c.client_id
            ));
        }
    }
    let mut ids = HashSet::new();
    let mut hashes = HashSet::new();
    for k in &data.api_keys {
        if !ids.insert(k.id.as_str()) || !hashes.insert(k.key_hash.as_str()) {
            p(format!("API key {:?}: its id or hash appears twice", k.id));
        }
        if k.role.parse::<Role>().is_err() {
            p(format!("API key {:?}: unknown role {:?}", k.id, k.role));
        }
    }
    let mut seen = HashSet::new();
    for r in &data.retired_userids {
        if userids.contains(r.userid.as_str()) || !seen.insert(r.userid.as_str()) {
            p(format!(
                "retired userid {:?}: also a live user, or listed twice",
                r.userid
            ));
        }
    }
    let needs_secrets = !data.totp.is_empty() || data.clients.iter().any(|c| c.sealed_secret);
    if needs_secrets && doc.encrypted.is_none() {
        p("authenticator-app or client secrets are listed but the document has no encrypted section".into());
    }
    problems.extend(values(data));
    problems
}

/// Checks an imported argon2 PHC string.
fn password_hash(hash: &str) -> Result<(), String> {
    let parsed = argon2::PasswordHash::new(hash).map_err(|e| format!("not a PHC string: {e}"))?;
    if !matches!(
        parsed.algorithm.as_str(),
        "argon2id" | "argon2i" | "argon2d"
    ) {
        return Err(format!(
            "{} hashes cannot be verified (only argon2)",
            parsed.algorithm
        ));
    }
    let params =
        argon2::Params::try_from(&parsed).map_err(|e| format!("argon2 parameters: {e}"))?;
    if params.m_cost() > MAX_M_KIB || params.t_cost() > MAX_T || params.p_cost() > MAX_P {
        return Err(format!(
            "argon2 parameters above m={MAX_M_KIB},t={MAX_T},p={MAX_P}"
        ));
    }
    if parsed.salt.is_none() || parsed.hash.is_none() {
        return Err("the hash has no salt or output".into());
    }
    Ok(())
}

/// Problems of the opened encrypted section against the plain part.
pub fn sealed(data: &Dataset, sealed: &Sealed) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(s);
    let totp_users: HashSet<&str> = data.totp.iter().map(|t| t.userid.as_str()).collect();
    let mut seen = HashSet::new();
    for s in &sealed.totp_secrets {
        if !totp_users.contains(s.owner.as_str()) || !seen.insert(s.owner.as_str()) {
            p(format!(
                "authenticator secret of {:?}: no authenticator listed, or listed twice",
                s.owner
            ));
        }
        match STANDARD.decode(&s.secret) {
            Ok(seed) if (10..=128).contains(&seed.len()) => {}
            _ => p(format!(
                "authenticator secret of {:?}: not base64 of 10 to 128 bytes",
                s.owner
            )),
        }
    }
    for t in &totp_users {
        if !seen.contains(t) {
            p(format!("authenticator of {t:?}: its secret is missing"));
        }
    }
    let sealed_clients: HashSet<&str> = data
        .clients
        .iter()
        .filter(|c| c.sealed_secret)
        .map(|c| c.client_id.as_str())
        .collect();
    let mut seen = HashSet::new();
    for s in &sealed.client_secrets {
        if !sealed_clients.contains(s.owner.as_str()) || !seen.insert(s.owner.as_str()) {
            p(format!(
                "secret of client {:?}: the client has no sealed secret, or listed twice",
                s.owner
            ));
        }
    }
    for c in &sealed_clients {
        if !seen.contains(c) {
            p(format!("client {c:?}: its secret is missing"));
        }
    }
    let mut kids = HashSet::new();
    for k in &sealed.signing_keys {
        let who = format!("signing key {:?}", k.kid);
        if k.kid.is_empty() || !kids.insert(k.kid.as_str()) {
            p(format!("{who}: the kid is empty or appears twice"));
        }
        let Some(alg) = SigningAlg::parse(&k.alg) else {
            p(format!("{who}: unknown algorithm {:?}", k.alg));
            continue;
        };
        let Ok(der) = STANDARD.decode(&k.private_key) else {
            p(format!("{who}: the private key is not base64"));
            continue;
        };
        match crate::oidc::keys::SigningKey::from_pkcs8(k.kid.clone(), alg, &der) {
            Ok(key) => {
                let stored: Option<serde_json::Value> = serde_json::from_str(&k.public_jwk).ok();
                if stored.as_ref() != Some(&key.public_jwk()) {
                    p(format!(
                        "{who}: public_jwk is not the public half of the private key"
                    ));
                }
            }
            Err(e) => p(format!("{who}: {e}")),
        }
    }
    problems
}

/// Problems of the values the server parses when it reads a record later
/// (names, profile claims, scopes, URIs, JSON columns, roles, grant types,
/// algorithms): what a Latchkey could not have written, and what would
/// otherwise fail a page or a token request long after the import (a
/// consent whose scopes do not parse made `/authorize` answer 500). One
/// sentence each, naming the record.
fn values(data: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for u in &data.users {
        user_values(u, &mut problems);
    }
    for g in &data.groups {
        group_values(g, &mut problems);
    }
    for pk in &data.passkeys {
        passkey_values(pk, &mut problems);
    }
    for c in &data.clients {
        client_values(c, &mut problems);
    }
    for r in &data.client_registrations {
        registration_values(r, &mut problems);
    }
    for c in &data.consents {
        consent_values(c, &mut problems);
    }
    for k in &data.api_keys {
        api_key_values(k, &mut problems);
    }
    problems
}

/// Whether `scope` is a scope Latchkey can store and send: an RFC 6749
/// §3.3 scope-token (printable ASCII without space, `"` or `\`) of at most
/// 100 characters, as clients' scopes are checked when they are set.
fn scope_ok(scope: &str) -> bool {
    (1..=100).contains(&scope.len())
        && scope
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
}

/// A JSON list of scopes, or why not.
fn scope_list(text: &str) -> Result<Vec<String>, String> {
    let list: Vec<String> =
        serde_json::from_str(text).map_err(|_| "must be a JSON list of scopes".to_owned())?;
    match list.iter().find(|s| !scope_ok(s)) {
        Some(bad) => Err(format!("{bad:?} is not a scope")),
        None => Ok(list),
    }
}

fn user_values(u: &UserRow, p: &mut Vec<String>) {
    let who = format!("user {:?}", u.userid);
    let change = crate::manage::ProfileChange {
        name: u.name.clone(),
        given_name: u.given_name.clone(),
        family_name: u.family_name.clone(),
        nickname: u.nickname.clone(),
        email: u.email.clone(),
        email_verified: None,
        phone: u.phone.clone(),
        phone_verified: None,
        picture: u.picture.clone(),
        locale: u.locale.clone(),
    };
    if let Err(e) = crate::manage::apply_profile_change(&crate::db::Profile::default(), &change) {
        p.push(format!("{who}: {e}"));
    }
    if is_object(&u.attributes)
        && let Err(e) = crate::domain::claim_mapping::parse_attributes(&u.attributes)
    {
        p.push(format!("{who}: {}", e.0));
    }
}

fn group_values(g: &GroupRow, p: &mut Vec<String>) {
    let who = format!("group {:?}", g.name);
    if let Err(e) = crate::manage::clean_group_name(&g.name) {
        p.push(format!("{who}: {e}"));
    } else if g.name.trim() != g.name {
        p.push(format!("{who}: the name has spaces around it"));
    }
    if let Some(d) = &g.description
        && let Err(e) = crate::manage::clean_group_description(Some(d))
    {
        p.push(format!("{who}: {e}"));
    }
    if is_object(&g.attributes)
        && let Err(e) = crate::domain::claim_mapping::parse_attributes(&g.attributes)
    {
        p.push(format!("{who}: {}", e.0));
    }
}

fn passkey_values(pk: &PasskeyRow, p: &mut Vec<String>) {
    if pk.name.is_empty() || pk.name.chars().count() > 100 || pk.name.chars().any(char::is_control)
    {
        p.push(format!(
            "passkey {:?}: the name must be 1 to 100 characters, without control characters",
            pk.id
        ));
    }
}

fn client_values(c: &ClientRow, p: &mut Vec<String>) {
    use crate::domain::grant_type::GrantType;
    let who = format!("client {:?}", c.client_id);
    let mut bad = |what: String| p.push(format!("{who}: {what}"));
    if let Err(e) = crate::domain::client_id::ClientId::parse(&c.client_id) {
        bad(e.to_string());
    }
    if let Err(e) = crate::manage::check_client_name(&c.name) {
        bad(e.to_string());
    }
    for (field, text) in [
        ("redirect_uris", &c.redirect_uris),
        ("post_logout_redirect_uris", &c.post_logout_redirect_uris),
    ] {
        let uris: Vec<String> = serde_json::from_str(text).unwrap_or_default();
        for uri in uris.iter().filter(|u| url::Url::parse(u).is_ok()) {
            if let Err(e) = crate::domain::redirect_uri::check(uri) {
                bad(format!("{field}: {e}"));
            }
        }
    }
    if let Ok(grants) = serde_json::from_str::<Vec<String>>(&c.grant_types) {
        for g in grants {
            if let Err(e) = g.parse::<GrantType>() {
                bad(format!("grant_types: {e}"));
            }
        }
    }
    if string_list(&c.scopes).is_some()
        && let Err(e) = scope_list(&c.scopes)
    {
        bad(format!("scopes: {e}"));
    }
    if SigningAlg::parse(&c.id_token_alg).is_none() {
        bad(format!("unknown id_token_alg {:?}", c.id_token_alg));
    }
    if let Err(e) = crate::domain::claim_mapping::ClaimMapping::parse(&c.claim_mapping) {
        bad(format!("claim_mapping: {}", e.0));
    }
    if let Some(jwks) = &c.jwks
        && let Err(e) = crate::domain::client_jwks::ClientJwks::parse_text(jwks)
    {
        bad(format!("jwks: {e}"));
    }
    if let Ok(origins) = serde_json::from_str::<Vec<String>>(&c.allowed_origins) {
        for o in origins {
            if let Err(e) = crate::domain::origin::check(&o) {
                bad(format!("allowed_origins: {e}"));
            }
        }
    }
    for (field, value) in [
        ("logo_uri", &c.logo_uri),
        ("client_uri", &c.client_uri),
        ("policy_uri", &c.policy_uri),
        ("tos_uri", &c.tos_uri),
    ] {
        if let Some(v) = value
            && let Err(e) = crate::manage::check_branding_uri(field, v)
        {
            bad(e.to_string());
        }
    }
    if let Some(v) = &c.backchannel_logout_uri
        && let Err(e) = crate::manage::check_backchannel_logout_uri(v)
    {
        bad(e.to_string());
    }
}

fn registration_values(r: &ClientRegistrationRow, p: &mut Vec<String>) {
    if !matches!(
        r.auth_method.as_str(),
        "none"
            | "client_secret_basic"
            | "client_secret_post"
            | "client_secret_jwt"
            | "private_key_jwt"
    ) {
        p.push(format!(
            "registration of {:?}: unknown auth_method {:?}",
            r.client_id, r.auth_method
        ));
    }
}

fn consent_values(c: &ConsentRow, p: &mut Vec<String>) {
    if let Err(e) = scope_list(&c.scopes) {
        p.push(format!(
            "consent of {:?} to {:?}: scopes {e}",
            c.userid, c.client_id
        ));
    }
}

fn api_key_values(k: &ApiKeyRow, p: &mut Vec<String>) {
    let max = crate::manage::api_keys::MAX_NAME;
    if k.name.is_empty() || k.name.chars().count() > max || k.name.chars().any(char::is_control) {
        p.push(format!(
            "API key {:?}: the name must be 1 to {max} characters, without control characters",
            k.id
        ));
    }
}
