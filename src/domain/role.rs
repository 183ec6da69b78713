//! Administrative roles and what each may do.
//!
//! A user holds at most one role; without one they cannot open the
//! management UI or use the admin API. Roles are named as on the command
//! line (`latchkey api-key create --role …`) and in the admin API:
//!
//! | role | may |
//! |---|---|
//! | `owner` | everything |
//! | `admin` | everything but owners (their accounts, their role, owner API keys) |
//! | `user-manager` | users, groups, invites and recoveries of people without a role |
//! | `client-manager` | clients (and registration tokens) |
//! | `auditor` | read everything, change nothing |
//!
//! Routes declare what they need with a marker from [`need`] (an area and
//! read or write); [`Role::allows`] decides. Rules about the *target* of an
//! operation (a user manager may not touch an administrator, an
//! administrator may not touch an owner) are [`Role::may_manage`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An administrative role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Everything.
    Owner,
    /// Everything but owners.
    Admin,
    /// Users, groups, invites and recoveries of people without a role.
    UserManager,
    /// Clients.
    ClientManager,
    /// Reads everything, changes nothing.
    Auditor,
}

/// Part of the management surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Users, groups, invites, recoveries, sessions, sign-up requests.
    Users,
    /// Clients, their claim mappings and deliveries, registration tokens.
    Clients,
    /// Signing keys.
    Keys,
    /// The audit log.
    Audit,
    /// API keys and roles (who administers).
    Administration,
}

/// Reading or changing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Self; 5] = [
        Self::Owner,
        Self::Admin,
        Self::UserManager,
        Self::ClientManager,
        Self::Auditor,
    ];

    /// The role's name on the command line, in the API and in the database.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::UserManager => "user-manager",
            Self::ClientManager => "client-manager",
            Self::Auditor => "auditor",
        }
    }

    /// How the role reads on pages.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Admin => "Administrator",
            Self::UserManager => "User manager",
            Self::ClientManager => "Client manager",
            Self::Auditor => "Auditor",
        }
    }

    /// Whether this role may `access` `area`.
    #[must_use]
    pub const fn allows(self, area: Area, access: Access) -> bool {
        match self {
            Self::Owner | Self::Admin => true,
            Self::Auditor => matches!(access, Access::Read),
            Self::UserManager => matches!(area, Area::Users),
            Self::ClientManager => matches!(area, Area::Clients),
        }
    }

    /// Whether a holder of this role may change an account whose role is
    /// `target` (`None`: no role), or hand out `target`: owners manage
    /// everyone; administrators everyone but owners; user managers only
    /// people without a role; nobody else anyone.
    #[must_use]
    pub const fn may_manage(self, target: Option<Self>) -> bool {
        match self {
            Self::Owner => true,
            Self::Admin => !matches!(target, Some(Self::Owner)),
            Self::UserManager => target.is_none(),
            Self::ClientManager | Self::Auditor => false,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown role name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: expected owner, admin, user-manager, client-manager or auditor")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.chars().take(40).collect()))
    }
}

/// What a route needs, as a type: `Admin<need::WriteUsers>` in a handler's
/// arguments refuses callers whose role does not allow it.
pub trait Need: Send + Sync + 'static {
    /// The area, or `None` for "any role at all".
    const AREA: Option<Area>;
    const ACCESS: Access;

    /// Whether `role` satisfies this need.
    #[must_use]
    fn allows(role: Role) -> bool {
        match Self::AREA {
            None => true,
            Some(area) => role.allows(area, Self::ACCESS),
        }
    }
}

/// The markers routes declare.
pub mod need {
    use super::{Access, Area, Need};

    macro_rules! needs {
        ($($(#[$doc:meta])* $name:ident = $area:expr, $access:ident;)*) => {
            $(
                $(#[$doc])*
                #[derive(Debug, Clone, Copy, Default)]
                pub struct $name;
                impl Need for $name {
                    const AREA: Option<Area> = $area;
                    const ACCESS: Access = Access::$access;
                }
            )*
        };
    }

    needs! {
        /// Any administrative role (pages every role sees).
        AnyRole = None, Read;
        /// Reading users, groups, invites, sessions.
        ReadUsers = Some(Area::Users), Read;
        /// Changing users, groups, invites, recoveries, sessions.
        WriteUsers = Some(Area::Users), Write;
        /// Reading clients and registration tokens.
        ReadClients = Some(Area::Clients), Read;
        /// Changing clients and registration tokens.
        WriteClients = Some(Area::Clients), Write;
        /// Reading signing keys.
        ReadKeys = Some(Area::Keys), Read;
        /// Rotating or replacing signing keys.
        WriteKeys = Some(Area::Keys), Write;
        /// Reading the audit log.
        ReadAudit = Some(Area::Audit), Read;
        /// Reading roles and API keys.
        ReadAdministration = Some(Area::Administration), Read;
        /// Assigning roles, creating and revoking API keys.
        WriteAdministration = Some(Area::Administration), Write;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(
                serde_json::to_value(role).ok(),
                Some(serde_json::json!(role.as_str()))
            );
        }
        assert!("Owner".parse::<Role>().is_err());
        assert!("".parse::<Role>().is_err());
    }

    #[test]
    fn the_matrix() {
        use Access::{Read, Write};
        use Area::{Administration, Audit, Clients, Keys, Users};
        let areas = [Users, Clients, Keys, Audit, Administration];
        for area in areas {
            for access in [Read, Write] {
                assert!(Role::Owner.allows(area, access));
                assert!(Role::Admin.allows(area, access));
                assert_eq!(Role::Auditor.allows(area, access), access == Read);
                assert_eq!(Role::UserManager.allows(area, access), area == Users);
                assert_eq!(Role::ClientManager.allows(area, access), area == Clients);
            }
        }
    }

    #[test]
    fn who_manages_whom() {
        assert!(Role::Owner.may_manage(Some(Role::Owner)));
        assert!(!Role::Admin.may_manage(Some(Role::Owner)));
        assert!(Role::Admin.may_manage(Some(Role::Admin)));
        assert!(Role::Admin.may_manage(None));
        assert!(Role::UserManager.may_manage(None));
        assert!(!Role::UserManager.may_manage(Some(Role::Auditor)));
        assert!(!Role::ClientManager.may_manage(None));
        assert!(!Role::Auditor.may_manage(None));
    }
}
