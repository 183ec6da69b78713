//! What a signed-in user does about the applications they let in, from the
//! account page: list them, withdraw one (consent and tokens), or end
//! everything at once. Every change is audited.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::auth::revoke;
use crate::clock::Clock;
use crate::db::{ConnectedApp, Repos, User};

/// The applications that hold something of `user`: a consent, a live
/// refresh-token family, or both (clients that skip consent store no
/// consent but may still hold tokens).
pub async fn connected_apps(
    repos: &Repos,
    clock: &dyn Clock,
    user: &User,
) -> Result<Vec<ConnectedApp>, ManageError> {
    Ok(repos
        .consents
        .connected_apps(&user.userid, clock.now())
        .await?)
}

/// Withdraws what `user` gave the client `client_id`: the remembered
/// consent (the consent page appears again next time), every refresh-token
/// family of the user at that client, and the access tokens minted from
/// them ([`revoke::revoke_client`]). `NotFound` when the client holds
/// nothing of the user.
pub async fn revoke_connected_app(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    client_id: &str,
) -> Result<(), ManageError> {
    let apps = connected_apps(repos, clock, user).await?;
    let Some(app) = apps.iter().find(|a| a.client_id == client_id) else {
        return Err(ManageError::NotFound("application".into()));
    };
    repos.consents.delete(&user.userid, client_id).await?;
    let families = revoke::revoke_client(repos, clock, &user.userid, client_id).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ConsentRevoked,
        Some(&user.userid),
        serde_json::json!({
            "client_id": client_id,
            "client": app.name,
            "scopes": app.scopes,
            "refresh_families": families,
        }),
    )
    .await;
    Ok(())
}

/// Ends every session of `user`, the current one included, and revokes
/// every refresh-token family and every access token issued to them so far
/// (the same as a password change does, without keeping a session).
pub async fn sign_out_everywhere(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<(), ManageError> {
    let sessions = repos.sessions.list_for_user(&user.userid).await?.len();
    revoke::revoke_everything(repos, clock, &user.userid, None).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::SignoutEverywhere,
        Some(&user.userid),
        serde_json::json!({"sessions": sessions}),
    )
    .await;
    Ok(())
}
