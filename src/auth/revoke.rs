//! Ending everything a user holds when their account changes: password
//! change, recovery, disabling and deletion revoke every refresh-token
//! family, every access token issued before now, and every session (but the
//! one that made a password change).

use crate::clock::Clock;
use crate::db::{DbResult, Repos, RevocationKind};

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
