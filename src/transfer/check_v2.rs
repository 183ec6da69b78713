//! What an import checks in the sections format version 2 added (client
//! logos, recovery codes, registration tokens, invites, sign-up requests,
//! revocations): references point at something in the document, keys are
//! unique, and values have the form the server reads. Each problem is one
//! sentence naming the record.

use std::collections::HashSet;

use crate::branding::{CLIENT_LOGO_MAX, check_image};
use crate::db::SignupState;
use crate::db::transfer::Dataset;
use crate::domain::role::Role;
use crate::domain::username::Username;

/// Problems of the version 2 sections of `data`.
pub fn document(data: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(s);
    let userids: HashSet<&str> = data.users.iter().map(|u| u.userid.as_str()).collect();
    let clients: HashSet<&str> = data.clients.iter().map(|c| c.client_id.as_str()).collect();

    let mut seen = HashSet::new();
    for l in &data.client_logos {
        let who = format!("logo of client {:?}", l.client_id);
        if !clients.contains(l.client_id.as_str()) || !seen.insert(l.client_id.as_str()) {
            p(format!("{who}: no such client, or listed twice"));
        }
        // The server serves it as it is: it must pass the upload's checks.
        match check_image(&l.image, CLIENT_LOGO_MAX) {
            Ok(image) => {
                if image.kind.content_type() != l.content_type {
                    p(format!(
                        "{who}: the image is {}, not {:?}",
                        image.kind.content_type(),
                        l.content_type
                    ));
                }
                if image.hash != l.hash {
                    p(format!("{who}: hash is not the image's"));
                }
            }
            Err(e) => p(format!("{who}: {e}")),
        }
    }
    let mut seen = HashSet::new();
    for r in &data.recovery_codes {
        if !userids.contains(r.userid.as_str()) {
            p(format!("recovery code of {:?}: no such user", r.userid));
        }
        if !seen.insert((r.userid.as_str(), r.code_hash.as_str())) {
            p(format!("recovery code of {:?}: listed twice", r.userid));
        }
    }
    let mut ids = HashSet::new();
    let mut hashes = HashSet::new();
    for t in &data.registration_tokens {
        let who = format!("registration token {:?}", t.id);
        if t.id.is_empty() || !ids.insert(t.id.as_str()) || !hashes.insert(t.token_hash.as_str()) {
            p(format!(
                "{who}: its id is empty, or its id or hash appears twice"
            ));
        }
        if t.uses_left < 0 {
            p(format!("{who}: uses_left is negative"));
        }
    }
    let mut ids = HashSet::new();
    let mut hashes = HashSet::new();
    for i in &data.invites {
        let who = format!("invite {:?}", i.id);
        if i.id.is_empty() || !ids.insert(i.id.as_str()) || !hashes.insert(i.token_hash.as_str()) {
            p(format!(
                "{who}: its id is empty, or its id or hash appears twice"
            ));
        }
        // Using the link creates (or recovers) an account under this name:
        // one the server could not read back would fail there.
        if let Err(e) = Username::exact(&i.username) {
            p(format!("{who}: username {:?}: {e}", i.username));
        }
        if i.role.is_some() && (i.userid.is_some() || i.self_service) {
            p(format!(
                "{who}: a recovery or self-registration link cannot give a role"
            ));
        }
        if serde_json::from_str::<Vec<String>>(&i.groups).is_err() {
            p(format!("{who}: groups must be a list of strings"));
        }
        if let Some(role) = &i.role
            && role.parse::<Role>().is_err()
        {
            p(format!("{who}: unknown role {role:?}"));
        }
        if let Some(userid) = &i.userid
            && !userids.contains(userid.as_str())
        {
            p(format!(
                "{who}: recovers {userid:?}, who is not among the users"
            ));
        }
    }
    let mut ids = HashSet::new();
    let mut hashes = HashSet::new();
    for s in &data.signup_requests {
        let who = format!("sign-up request {:?}", s.id);
        if s.id.is_empty() || !ids.insert(s.id.as_str()) || !hashes.insert(s.token_hash.as_str()) {
            p(format!(
                "{who}: its id is empty, or its id or hash appears twice"
            ));
        }
        if let Err(e) = Username::exact(&s.username) {
            p(format!("{who}: username {:?}: {e}", s.username));
        }
        if SignupState::parse(&s.state).is_none() {
            p(format!("{who}: unknown state {:?}", s.state));
        }
    }
    let mut ids = HashSet::new();
    for r in &data.revocations {
        if !ids.insert(r.id.as_str()) {
            p(format!("revocation {:?}: listed twice", r.id));
        }
        if !matches!(r.kind.as_str(), "grant" | "token" | "user") {
            p(format!("revocation {:?}: unknown kind {:?}", r.id, r.kind));
        }
    }
    problems
}
