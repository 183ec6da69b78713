//! THE list of every route of the management UI ([`ui_routes`]) and every
//! operation of the admin API ([`api_operations`]), each with the role
//! need it declares. `admin_ui`, `admin_api` and `roles` all walk it.
//!
//! **Adding a route?** Add it here, once, with its need:
//! - UI: a [`UiRoute`] in [`ui_routes`] — `method` (GET page or POST form),
//!   `route` exactly as written in the `.route("…")` call in
//!   `src/http/admin/*.rs`, a concrete `path` about the fixtures, the form
//!   `fields`, and `needs`. `roles::every_ui_route_is_classified` parses the
//!   routers and fails for a route missing here.
//! - API: an [`ApiOp`] in [`api_operations`]; the OpenAPI document must
//!   describe exactly these (`admin_api::the_openapi_document_describes_every_route`).
//! - The need is what the handler's extractor declares
//!   (`Admin<need::ReadUsers>`, `AdminForm<F, need::WriteUsers>`,
//!   `AdminCaller<need::WriteAdministration>`): reads `read(Area)`, changes
//!   `write(Area)`, pages every role sees [`ANY`]. Areas: users, groups,
//!   invites, sessions, passkeys, second factors, attributes, sign-ups →
//!   Users; clients, claim mappings, deliveries, registration tokens →
//!   Clients; signing keys → Keys; audit log → Audit; roles and API keys →
//!   Administration. `roles::every_role_gets_exactly_what_its_role_allows_*`
//!   then checks every role against it (403 exactly when refused).
//!
//! A POST form's refused request must change nothing: extend
//! `admin_ui::no_admin_change` for what your form would change.

use latchkey::manage::{self, Actor};
use reqwest::Method;
use serde_json::{Value, json};

pub use latchkey::domain::role::{Access, Area, Role};

use super::{TestApp, signed_in_browser};

/// What a route needs: an area (or none: any role) and read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs(pub Option<Area>, pub Access);

/// Any administrative role.
pub const ANY: Needs = Needs(None, Access::Read);

#[must_use]
pub const fn read(area: Area) -> Needs {
    Needs(Some(area), Access::Read)
}

#[must_use]
pub const fn write(area: Area) -> Needs {
    Needs(Some(area), Access::Write)
}

impl Needs {
    /// Whether `role` (`None`: no role) may use a route needing this.
    #[must_use]
    pub fn allows(self, role: Option<Role>) -> bool {
        match (role, self.0) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(role), Some(area)) => role.allows(area, self.1),
        }
    }
}

/// A page (GET) or form (POST) of the management UI.
#[derive(Debug, Clone)]
pub struct UiRoute {
    pub method: Method,
    /// As in the router: `/admin/users/{userid}`.
    pub route: &'static str,
    /// About the fixtures.
    pub path: String,
    /// Form fields (without `csrf`).
    pub fields: Vec<(&'static str, &'static str)>,
    pub needs: Needs,
}

fn page(route: &'static str, path: impl Into<String>, needs: Needs) -> UiRoute {
    UiRoute {
        method: Method::GET,
        route,
        path: path.into(),
        fields: vec![],
        needs,
    }
}

fn form(
    route: &'static str,
    path: impl Into<String>,
    fields: Vec<(&'static str, &'static str)>,
    needs: Needs,
) -> UiRoute {
    UiRoute {
        method: Method::POST,
        route,
        path: path.into(),
        fields,
        needs,
    }
}

/// Every page and form of the management UI, about real records: bob
/// (signed in once, with a passkey and an authenticator app), the client
/// Wiki, the group crew, a pending invite and a registration token.
pub async fn ui_routes(app: &TestApp) -> Vec<UiRoute> {
    use Area::{Administration, Audit, Clients, Keys, Users};
    let system = Actor::system();
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let bob = app.create_user("bob", "correct horse battery").await;
    let client = manage::create_client(
        repos,
        clock,
        &system,
        manage::CreateClient {
            name: "Wiki".into(),
            redirect_uris: vec!["https://wiki.example/cb".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let invite = manage::create_invite(
        repos,
        clock,
        &app.state.settings.issuer,
        &system,
        manage::CreateInvite {
            username: "friend".into(),
            email: None,
            groups: vec![],
            role: None,
            ttl_seconds: 3600,
            note: None,
            userid: None,
        },
    )
    .await
    .unwrap();
    manage::create_group(repos, clock, &system, "crew", None)
        .await
        .unwrap();
    let bob_browser = signed_in_browser(app, &bob).await;
    assert_eq!(
        bob_browser
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let session = repos.sessions.list_for_user(&bob.userid).await.unwrap()[0]
        .sid
        .clone();
    let passkey = app.add_passkey(&bob.userid, "Bob's key").await;
    repos
        .second_factors
        .put_pending_totp(&bob.userid, "sealed", 1)
        .await
        .unwrap();
    repos
        .second_factors
        .confirm_totp(&bob.userid, "sealed", 1, &["h1".to_owned()], 1)
        .await
        .unwrap();
    repos
        .recovery_codes
        .replace_recovery_codes(&bob.userid, &["r1".to_owned(), "r2".to_owned()], 1)
        .await
        .unwrap();
    let user = format!("/admin/users/{}", bob.userid);
    let client = format!("/admin/clients/{}", client.client_id);
    let token = manage::create_registration_token(
        repos,
        clock,
        &system,
        manage::CreateRegistrationToken {
            name: "ci".into(),
            ttl_seconds: 3600,
            uses: 1,
        },
    )
    .await
    .unwrap();
    let api_key = manage::create_api_key(
        repos,
        clock,
        &Actor {
            id: manage::api_keys::CLI_CREATOR.into(),
            ip: None,
            role: None,
        },
        None,
        manage::CreateApiKey {
            name: "deploy".into(),
            role: "auditor".into(),
            ttl_seconds: 3600,
        },
    )
    .await
    .unwrap();
    // A sign-up request waiting for approval.
    let now = clock.now();
    repos
        .signups
        .create(&latchkey::db::SignupRequest {
            id: "signup-1".into(),
            username: "hopeful".into(),
            email: "hopeful@example.org".into(),
            name: None,
            token_hash: "unused".into(),
            ip: None,
            state: latchkey::db::SignupState::Verified,
            requested_at: now,
            verified_at: Some(now),
            expires_at: now + 86_400,
        })
        .await
        .unwrap();
    vec![
        // Pages.
        page("/admin", "/admin", ANY),
        page("/admin/users", "/admin/users", read(Users)),
        page("/admin/users/{userid}", user.clone(), read(Users)),
        page("/admin/groups", "/admin/groups", read(Users)),
        page("/admin/groups/{name}", "/admin/groups/crew", read(Users)),
        page("/admin/invites", "/admin/invites", read(Users)),
        page("/admin/signups", "/admin/signups", read(Users)),
        page("/admin/clients", "/admin/clients", read(Clients)),
        page("/admin/clients/{client_id}", client.clone(), read(Clients)),
        page(
            "/admin/registration-tokens",
            "/admin/registration-tokens",
            read(Clients),
        ),
        page("/admin/keys", "/admin/keys", read(Keys)),
        page("/admin/audit", "/admin/audit", read(Audit)),
        page("/admin/api-keys", "/admin/api-keys", read(Administration)),
        // Forms.
        form(
            "/admin/api-keys",
            "/admin/api-keys",
            vec![
                ("name", "sneaky"),
                ("role", "auditor"),
                ("lifetime_days", "1"),
            ],
            write(Administration),
        ),
        form(
            "/admin/api-keys/{id}/revoke",
            format!("/admin/api-keys/{}/revoke", api_key.id),
            vec![],
            write(Administration),
        ),
        form(
            "/admin/signups/{id}/approve",
            "/admin/signups/signup-1/approve",
            vec![],
            write(Users),
        ),
        form(
            "/admin/signups/{id}/reject",
            "/admin/signups/signup-1/reject",
            vec![],
            write(Users),
        ),
        form(
            "/admin/registration-tokens",
            "/admin/registration-tokens",
            vec![("name", "sneaky"), ("ttl_days", "1"), ("uses", "5")],
            write(Clients),
        ),
        form(
            "/admin/registration-tokens/{id}/revoke",
            format!("/admin/registration-tokens/{}/revoke", token.id),
            vec![],
            write(Clients),
        ),
        form(
            "/admin/users",
            "/admin/users",
            vec![("username", "sneaky")],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/profile",
            format!("{user}/profile"),
            vec![("name", "Mallory")],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/groups",
            format!("{user}/groups"),
            vec![("groups", "admin")],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/attributes",
            format!("{user}/attributes"),
            vec![("attributes", r#"{"desk": "hacked"}"#)],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/disable",
            format!("{user}/disable"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/enable",
            format!("{user}/enable"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/recovery",
            format!("{user}/recovery"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/sessions/{sid}/end",
            format!("{user}/sessions/{session}/end"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/sessions/end-all",
            format!("{user}/sessions/end-all"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/passkeys/{id}/remove",
            format!("{user}/passkeys/{passkey}/remove"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/second-factor/reset",
            format!("{user}/second-factor/reset"),
            vec![("confirm", "on")],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/recovery-codes/remove",
            format!("{user}/recovery-codes/remove"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/users/{userid}/role",
            format!("{user}/role"),
            vec![("role", "auditor")],
            write(Administration),
        ),
        form(
            "/admin/users/{userid}/delete",
            format!("{user}/delete"),
            vec![],
            write(Users),
        ),
        form(
            "/admin/clients",
            "/admin/clients",
            vec![
                ("name", "Sneaky"),
                ("redirect_uris", "https://evil.example/cb"),
            ],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}",
            client.clone(),
            vec![("name", "Renamed")],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/rotate",
            format!("{client}/rotate"),
            vec![],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/logo",
            format!("{client}/logo"),
            vec![],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/logo/delete",
            format!("{client}/logo/delete"),
            vec![],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/keys",
            format!("{client}/keys"),
            vec![(
                "jwks",
                r#"{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#,
            )],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/claim-mapping",
            format!("{client}/claim-mapping"),
            vec![("claim_mapping", r#"{"desk": {"claim": "desk"}}"#)],
            write(Clients),
        ),
        form(
            "/admin/invites",
            "/admin/invites",
            vec![("username", "sneaky")],
            write(Users),
        ),
        form(
            "/admin/invites/{id}/revoke",
            format!("/admin/invites/{}/revoke", invite.id),
            vec![],
            write(Users),
        ),
        form(
            "/admin/groups",
            "/admin/groups",
            vec![("name", "sneaky")],
            write(Users),
        ),
        form(
            "/admin/groups/{name}/attributes",
            "/admin/groups/crew/attributes",
            vec![("attributes", r#"{"desk": "hacked"}"#)],
            write(Users),
        ),
        form(
            "/admin/groups/{name}/rename",
            "/admin/groups/crew/rename",
            vec![("name", "renamed")],
            write(Users),
        ),
        form(
            "/admin/groups/{name}/description",
            "/admin/groups/crew/description",
            vec![("description", "Hacked")],
            write(Users),
        ),
        form(
            "/admin/groups/{name}/delete",
            "/admin/groups/crew/delete",
            vec![("confirm", "on")],
            write(Users),
        ),
        form(
            "/admin/groups/{name}/policy",
            "/admin/groups/crew/policy",
            vec![("require_mfa", "on")],
            write(Users),
        ),
        form(
            "/admin/clients/{client_id}/groups",
            format!("{client}/groups"),
            vec![("allowed_groups", "crew")],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}",
            client.clone(),
            vec![
                ("name", "Wiki"),
                ("redirect_uris", "https://wiki.example/cb"),
                ("client_uri", "https://evil.example/"),
                ("id_token_alg", "ES256"),
                ("require_mfa", "on"),
            ],
            write(Clients),
        ),
        form(
            "/admin/clients/{client_id}/delete",
            format!("{client}/delete"),
            vec![],
            write(Clients),
        ),
        form(
            "/admin/keys/rotate",
            "/admin/keys/rotate",
            vec![("alg", "RS256")],
            write(Keys),
        ),
    ]
}

/// An operation of the admin API; `path` is below `/api/admin/v1`.
#[derive(Debug, Clone)]
pub struct ApiOp {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
    pub needs: Needs,
}

/// Every operation, with placeholders for existing ids (called with
/// `"{userid}", "{client_id}", "{id}"` it gives the OpenAPI paths).
pub fn api_operations(userid: &str, client_id: &str, invite_id: &str) -> Vec<ApiOp> {
    use Area::{Administration, Audit, Clients, Keys, Users};
    // A group name: the placeholder in the OpenAPI document, else a group.
    let group = if userid == "{userid}" {
        "{name}"
    } else {
        "staff"
    };
    let op = |method: Method, path: String, body: Option<Value>, needs: Needs| ApiOp {
        method,
        path,
        body,
        needs,
    };
    vec![
        op(
            Method::PUT,
            format!("/users/{userid}/attributes"),
            Some(json!({"attributes": {}})),
            write(Users),
        ),
        op(
            Method::GET,
            format!("/groups/{group}/attributes"),
            None,
            read(Users),
        ),
        op(
            Method::PUT,
            format!("/groups/{group}/attributes"),
            Some(json!({"attributes": {}})),
            write(Users),
        ),
        op(Method::GET, "/users".into(), None, read(Users)),
        op(
            Method::POST,
            "/users".into(),
            Some(json!({"username": "newbie"})),
            write(Users),
        ),
        op(Method::GET, format!("/users/{userid}"), None, read(Users)),
        op(
            Method::PATCH,
            format!("/users/{userid}"),
            Some(json!({"name": "X"})),
            write(Users),
        ),
        op(
            Method::PUT,
            format!("/users/{userid}/groups"),
            Some(json!({"groups": []})),
            write(Users),
        ),
        op(
            Method::POST,
            format!("/users/{userid}/disable"),
            None,
            write(Users),
        ),
        op(
            Method::POST,
            format!("/users/{userid}/enable"),
            None,
            write(Users),
        ),
        op(
            Method::POST,
            format!("/users/{userid}/recovery-invite"),
            None,
            write(Users),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}/second-factor"),
            None,
            write(Users),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}/recovery-codes"),
            None,
            write(Users),
        ),
        op(
            Method::GET,
            format!("/users/{userid}/sessions"),
            None,
            read(Users),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}/sessions"),
            None,
            write(Users),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}/sessions/{invite_id}"),
            None,
            write(Users),
        ),
        op(
            Method::GET,
            format!("/users/{userid}/passkeys"),
            None,
            read(Users),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}/passkeys/{invite_id}"),
            None,
            write(Users),
        ),
        op(
            Method::PUT,
            format!("/users/{userid}/role"),
            Some(json!({"role": "auditor"})),
            write(Administration),
        ),
        op(
            Method::DELETE,
            format!("/users/{userid}"),
            None,
            write(Users),
        ),
        op(Method::GET, "/clients".into(), None, read(Clients)),
        op(
            Method::POST,
            "/clients".into(),
            Some(json!({"name": "A", "redirect_uris": ["https://a.example/cb"]})),
            write(Clients),
        ),
        op(
            Method::GET,
            format!("/clients/{client_id}"),
            None,
            read(Clients),
        ),
        op(
            Method::PATCH,
            format!("/clients/{client_id}"),
            Some(json!({"name": "B"})),
            write(Clients),
        ),
        op(
            Method::POST,
            format!("/clients/{client_id}/secret"),
            None,
            write(Clients),
        ),
        op(
            Method::PUT,
            format!("/clients/{client_id}/logo"),
            Some(json!({"image_base64": "iVBORw0KGgo="})),
            write(Clients),
        ),
        op(
            Method::DELETE,
            format!("/clients/{client_id}/logo"),
            None,
            write(Clients),
        ),
        op(
            Method::DELETE,
            format!("/clients/{client_id}"),
            None,
            write(Clients),
        ),
        op(Method::GET, "/groups".into(), None, read(Users)),
        op(
            Method::POST,
            "/groups".into(),
            Some(json!({"name": "ops"})),
            write(Users),
        ),
        op(Method::GET, format!("/groups/{group}"), None, read(Users)),
        op(
            Method::PATCH,
            format!("/groups/{group}"),
            Some(json!({"description": "X"})),
            write(Users),
        ),
        op(
            Method::DELETE,
            format!("/groups/{group}"),
            None,
            write(Users),
        ),
        op(Method::GET, "/invites".into(), None, read(Users)),
        op(
            Method::POST,
            "/invites".into(),
            Some(json!({"username": "invitee"})),
            write(Users),
        ),
        op(
            Method::GET,
            format!("/invites/{invite_id}"),
            None,
            read(Users),
        ),
        op(
            Method::POST,
            format!("/invites/{invite_id}/revoke"),
            None,
            write(Users),
        ),
        op(
            Method::GET,
            "/registration-tokens".into(),
            None,
            read(Clients),
        ),
        op(
            Method::POST,
            "/registration-tokens".into(),
            Some(json!({"name": "ci"})),
            write(Clients),
        ),
        op(
            Method::POST,
            format!("/registration-tokens/{invite_id}/revoke"),
            None,
            write(Clients),
        ),
        op(Method::GET, "/signups".into(), None, read(Users)),
        op(
            Method::POST,
            format!("/signups/{invite_id}/approve"),
            None,
            write(Users),
        ),
        op(
            Method::POST,
            format!("/signups/{invite_id}/reject"),
            None,
            write(Users),
        ),
        op(Method::GET, "/api-keys".into(), None, read(Administration)),
        op(
            Method::POST,
            "/api-keys".into(),
            Some(json!({"name": "ci", "role": "auditor"})),
            write(Administration),
        ),
        op(
            Method::DELETE,
            format!("/api-keys/{invite_id}"),
            None,
            write(Administration),
        ),
        op(Method::GET, "/audit".into(), None, read(Audit)),
        op(Method::GET, "/keys".into(), None, read(Keys)),
        op(
            Method::POST,
            "/keys/rotate".into(),
            Some(json!({"alg": "EdDSA"})),
            write(Keys),
        ),
    ]
}
