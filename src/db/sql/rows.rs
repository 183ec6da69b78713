//! Rows as both backends return them, decoded once.
//!
//! Records whose columns map one to one derive `sqlx::FromRow` in
//! [`crate::db::model`]; the rows here hold what needs decoding first (JSON
//! lists in TEXT columns, nested records) and become records by `TryFrom`.

use super::{json_attributes, json_list, parsed_list};
use crate::db::{
    AuditEvent, AuthContext, Branding, Client, DbError, DbResult, Group, Invite, Profile,
    RefreshToken, Session, User,
};
use crate::domain::claim_mapping::ClaimMapping;
use crate::domain::client_id::ClientId;
use crate::domain::client_jwks::ClientJwks;
use crate::domain::signing_alg::UnknownAlg;
use crate::domain::username::Username;

/// A `users` row with its groups (see `Dialect::GROUP_NAMES`).
#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    userid: String,
    username: String,
    name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    nickname: Option<String>,
    email: Option<String>,
    email_verified: bool,
    phone: Option<String>,
    phone_verified: bool,
    picture: Option<String>,
    locale: Option<String>,
    role: Option<String>,
    active: bool,
    created_at: i64,
    updated_at: i64,
    /// JSON object of custom attributes.
    attributes: String,
    /// JSON list of group names; `NULL` when there are none.
    groups: Option<String>,
}

impl TryFrom<UserRow> for User {
    type Error = DbError;

    fn try_from(row: UserRow) -> DbResult<Self> {
        let mut groups = json_list(row.groups.as_deref().unwrap_or("[]"))?;
        groups.sort();
        Ok(Self {
            userid: row.userid,
            username: Username::exact(&row.username)
                .map_err(|e| DbError::Corrupt(format!("username {:?}: {e}", row.username)))?,
            profile: Profile {
                name: row.name,
                given_name: row.given_name,
                family_name: row.family_name,
                nickname: row.nickname,
                email: row.email,
                email_verified: row.email_verified,
                phone: row.phone,
                phone_verified: row.phone_verified,
                picture: row.picture,
                locale: row.locale,
            },
            groups,
            attributes: json_attributes(&row.attributes)?,
            role: parse_role(row.role.as_deref())?,
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A stored role name (the schema's CHECK allows only known ones).
fn parse_role(role: Option<&str>) -> DbResult<Option<crate::domain::role::Role>> {
    role.map(|r| {
        r.parse()
            .map_err(|e: crate::domain::role::UnknownRole| DbError::Corrupt(e.to_string()))
    })
    .transpose()
}

/// A `clients` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    client_id: String,
    name: String,
    secret_hash: Option<String>,
    public: bool,
    redirect_uris: String,
    post_logout_redirect_uris: String,
    grant_types: String,
    scopes: String,
    skip_consent: bool,
    require_mfa: bool,
    resource_server: bool,
    id_token_alg: String,
    claim_mapping: String,
    created_at: i64,
    updated_at: i64,
    /// JSON list of the names of its allowed groups; `NULL` when none.
    allowed_groups: Option<String>,
    logo_uri: Option<String>,
    client_uri: Option<String>,
    policy_uri: Option<String>,
    tos_uri: Option<String>,
    /// JSON JWK Set of a `private_key_jwt` client.
    jwks: Option<String>,
    secret_sealed: Option<String>,
    allowed_origins: String,
    require_par: bool,
    require_dpop: bool,
    backchannel_logout_uri: Option<String>,
    backchannel_logout_session_required: bool,
}

impl TryFrom<ClientRow> for Client {
    type Error = DbError;

    fn try_from(row: ClientRow) -> DbResult<Self> {
        Ok(Self {
            client_id: ClientId::parse(&row.client_id)
                .map_err(|e| DbError::Corrupt(format!("client id: {e}")))?,
            name: row.name,
            secret_hash: row.secret_hash,
            public: row.public,
            redirect_uris: json_list(&row.redirect_uris)?,
            post_logout_redirect_uris: json_list(&row.post_logout_redirect_uris)?,
            grant_types: parsed_list(&row.grant_types, "client grant_types")?,
            scopes: json_list(&row.scopes)?,
            skip_consent: row.skip_consent,
            require_mfa: row.require_mfa,
            resource_server: row.resource_server,
            id_token_alg: row
                .id_token_alg
                .parse()
                .map_err(|e: UnknownAlg| DbError::Corrupt(format!("client id_token_alg: {e}")))?,
            claim_mapping: ClaimMapping::parse(&row.claim_mapping)
                .map_err(|e| DbError::Corrupt(format!("client claim_mapping: {e}")))?,
            allowed_groups: {
                let mut groups = json_list(row.allowed_groups.as_deref().unwrap_or("[]"))?;
                groups.sort();
                groups
            },
            allowed_origins: json_list(&row.allowed_origins)?,
            require_par: row.require_par,
            require_dpop: row.require_dpop,
            backchannel_logout_uri: row.backchannel_logout_uri,
            backchannel_logout_session_required: row.backchannel_logout_session_required,
            branding: Branding {
                logo_uri: row.logo_uri,
                client_uri: row.client_uri,
                policy_uri: row.policy_uri,
                tos_uri: row.tos_uri,
            },
            jwks: row
                .jwks
                .as_deref()
                .map(ClientJwks::parse_text)
                .transpose()
                .map_err(|e| DbError::Corrupt(format!("client jwks: {e}")))?,
            secret_sealed: row.secret_sealed,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A `groups` row with its member count.
#[derive(sqlx::FromRow)]
pub(crate) struct GroupRow {
    name: String,
    description: Option<String>,
    members: i64,
    require_mfa: bool,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<GroupRow> for Group {
    type Error = DbError;

    fn try_from(row: GroupRow) -> DbResult<Self> {
        Ok(Self {
            name: row.name,
            description: row.description,
            members: row.members,
            require_mfa: row.require_mfa,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// An `invites` row.
#[derive(sqlx::FromRow)]
pub(crate) struct InviteRow {
    id: String,
    token_hash: String,
    username: String,
    email: Option<String>,
    groups: String,
    role: Option<String>,
    userid: Option<String>,
    allow_password: bool,
    note: Option<String>,
    created_by: Option<String>,
    created_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
    revoked_at: Option<i64>,
    usable_from: Option<i64>,
    self_service: bool,
    name: Option<String>,
}

impl TryFrom<InviteRow> for Invite {
    type Error = DbError;

    fn try_from(row: InviteRow) -> DbResult<Self> {
        Ok(Self {
            id: row.id,
            token_hash: row.token_hash,
            username: row.username,
            email: row.email,
            groups: json_list(&row.groups)?,
            role: parse_role(row.role.as_deref())?,
            userid: row.userid,
            allow_password: row.allow_password,
            note: row.note,
            created_by: row.created_by,
            created_at: row.created_at,
            expires_at: row.expires_at,
            used_at: row.used_at,
            revoked_at: row.revoked_at,
            usable_from: row.usable_from,
            self_service: row.self_service,
            name: row.name,
        })
    }
}

/// A `sessions` row.
#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    sid: String,
    token_hash: String,
    userid: String,
    auth_time: i64,
    amr: String,
    acr: String,
    user_agent: Option<String>,
    ip: Option<String>,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
}

impl TryFrom<SessionRow> for Session {
    type Error = DbError;

    fn try_from(row: SessionRow) -> DbResult<Self> {
        Ok(Self {
            sid: row.sid,
            token_hash: row.token_hash,
            userid: row.userid,
            auth_time: row.auth_time,
            amr: json_list(&row.amr)?,
            acr: row.acr,
            user_agent: row.user_agent,
            ip: row.ip,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            expires_at: row.expires_at,
        })
    }
}

/// A `refresh_tokens` row.
#[derive(sqlx::FromRow)]
pub(crate) struct RefreshRow {
    token_hash: String,
    family_id: String,
    client_id: String,
    userid: String,
    scope: String,
    sid: Option<String>,
    auth_time: i64,
    amr: String,
    acr: String,
    nonce: Option<String>,
    claims_request: Option<String>,
    created_at: i64,
    family_started_at: i64,
    expires_at: i64,
    used_at: Option<i64>,
    revoked_at: Option<i64>,
    dpop_jkt: Option<String>,
}

impl TryFrom<RefreshRow> for RefreshToken {
    type Error = DbError;

    fn try_from(row: RefreshRow) -> DbResult<Self> {
        Ok(Self {
            token_hash: row.token_hash,
            family_id: row.family_id,
            client_id: ClientId::parse(&row.client_id)
                .map_err(|e| DbError::Corrupt(format!("refresh token client id: {e}")))?,
            scope: row.scope,
            nonce: row.nonce,
            auth: AuthContext {
                userid: row.userid,
                sid: row.sid,
                auth_time: row.auth_time,
                amr: json_list(&row.amr)?,
                acr: row.acr,
            },
            claims_request: row.claims_request,
            created_at: row.created_at,
            family_started_at: row.family_started_at,
            expires_at: row.expires_at,
            used_at: row.used_at,
            revoked_at: row.revoked_at,
            dpop_jkt: row.dpop_jkt,
        })
    }
}

/// An `audit_events` row.
#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    at: i64,
    actor: Option<String>,
    event: String,
    subject: Option<String>,
    ip: Option<String>,
    client_id: Option<String>,
    details: String,
}

impl TryFrom<AuditRow> for AuditEvent {
    type Error = DbError;

    fn try_from(row: AuditRow) -> DbResult<Self> {
        Ok(Self {
            id: row.id,
            at: row.at,
            actor: row.actor,
            event: row.event,
            subject: row.subject,
            ip: row.ip,
            client_id: row.client_id,
            details: serde_json::from_str(&row.details)
                .map_err(|e| DbError::Corrupt(e.to_string()))?,
        })
    }
}

/// Decodes rows into records.
pub(crate) fn decode_all<R, T>(rows: Vec<R>) -> DbResult<Vec<T>>
where
    T: TryFrom<R, Error = DbError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// Decodes a row, if any, into a record.
pub(crate) fn decode_opt<R, T>(row: Option<R>) -> DbResult<Option<T>>
where
    T: TryFrom<R, Error = DbError>,
{
    row.map(T::try_from).transpose()
}
