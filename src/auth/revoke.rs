//! Ending everything a user holds when their account changes: password
//! change, recovery, disabling and deletion revoke every refresh-token
//! family, every access token issued before now, and every session (but the
//! one that made a password change); and what a user gave one client, when
//! they withdraw it from the account page.

use crate::clock::Clock;
use crate::db::{DbResult, Repos, RevocationKind, app_revocation_key};

/// How long user and family revocations are kept: longer than any access
/// token lives (`LATCHKEY_ACCESS_TOKEN_TTL`), so none outlives its revocation.
pub const KEEP_REVOCATIONS: i64 = 400 * 86_400;

/// Revokes every refresh-token family and every access token of `userid`
/// issued before now, and ends the user's sessions except `keep_sid`.
pub async fn revoke_everything(
    repos: &Repos,
    clock: &dyn Clock,
    userid: &str,
    keep_sid: Option<&str>,
) -> DbResult<()> {
    let now = clock.now();
    let until = now + KEEP_REVOCATIONS;
    // First the user-wide mark: from here on, refresh (family begun before
    // now) and access tokens (issued before now) of the user are refused.
    repos.revocations.revoke_user(userid, now, until).await?;
    let families = repos.refresh_tokens.revoke_for_user(userid, now).await?;
    for family in families {
        // Access tokens minted from these families within this very second
        // are not covered by "issued before now": revoke the grants too.
        repos
            .revocations
            .revoke(RevocationKind::Grant, &family, until)
            .await?;
        // And a successor that a rotation in flight was inserting when the
        // user's tokens were revoked (revoke_family serialises with rotation).
        repos.refresh_tokens.revoke_family(&family, now).await?;
    }
    match keep_sid {
        None => repos.sessions.delete_for_user(userid).await?,
        Some(keep) => {
            for s in repos.sessions.list_for_user(userid).await? {
                if s.sid != keep {
                    repos.sessions.delete(&s.sid).await?;
                }
            }
        }
    }
    Ok(())
}

/// Revokes what `userid` gave `client_id`: every access token of the user
/// at that client issued before now, every code minted before now and every
/// refresh-token family begun before now (a mark per user and client,
/// [`app_revocation_key`], checked like the per-user one), and the families
/// themselves with the access tokens minted from them whatever their age
/// (their grant ids). Returns how many families were live.
pub async fn revoke_client(
    repos: &Repos,
    clock: &dyn Clock,
    userid: &str,
    client_id: &str,
) -> DbResult<usize> {
    let now = clock.now();
    let until = now + KEEP_REVOCATIONS;
    repos
        .revocations
        .revoke_user(&app_revocation_key(userid, client_id), now, until)
        .await?;
    let families = repos
        .refresh_tokens
        .revoke_for_client(userid, client_id, now)
        .await?;
    for family in &families {
        // The family id is the grant id its access tokens carry.
        repos
            .revocations
            .revoke(RevocationKind::Grant, family, until)
            .await?;
        // A successor a rotation in flight was inserting meanwhile.
        repos.refresh_tokens.revoke_family(family, now).await?;
    }
    Ok(families.len())
}
