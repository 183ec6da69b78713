//! OAuth 2.0 grant types Latchkey implements (RFC 6749 §4 and §6).

use std::fmt;
use std::str::FromStr;

/// The registered name of the device authorization grant (RFC 8628 §3.4).
pub const DEVICE_CODE: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// A grant type a client may be allowed and the token endpoint runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    /// `authorization_code`: a code from the authorization endpoint.
    AuthorizationCode,
    /// `refresh_token`: a refresh token from an earlier grant.
    RefreshToken,
    /// `client_credentials`: the client acting for itself.
    ClientCredentials,
    /// `urn:ietf:params:oauth:grant-type:device_code`: the device
    /// authorization grant (RFC 8628), for devices without a browser.
    #[serde(rename = "urn:ietf:params:oauth:grant-type:device_code")]
    DeviceCode,
}

impl GrantType {
    /// Every grant type, in the order advertised.
    pub const ALL: [Self; 4] = [
        Self::AuthorizationCode,
        Self::RefreshToken,
        Self::ClientCredentials,
        Self::DeviceCode,
    ];

    /// The registered name (`grant_type` parameter value).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AuthorizationCode => "authorization_code",
            Self::RefreshToken => "refresh_token",
            Self::ClientCredentials => "client_credentials",
            Self::DeviceCode => DEVICE_CODE,
        }
    }
}

impl AsRef<str> for GrantType {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for GrantType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GrantType {
    type Err = UnknownGrantType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| UnknownGrantType(s.chars().take(64).collect()))
    }
}

/// A name that is not one of [`GrantType::ALL`] (kept to 64 characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown grant type {0:?}")]
pub struct UnknownGrantType(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_refused() {
        for g in GrantType::ALL {
            assert_eq!(g.as_str().parse::<GrantType>(), Ok(g));
            assert_eq!(g.to_string(), g.as_str());
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.as_str()));
            assert_eq!(serde_json::from_str::<GrantType>(&json).unwrap(), g);
        }
        for bad in [
            "password",
            "implicit",
            "device_code",
            "Authorization_Code",
            "",
            " refresh_token",
        ] {
            assert!(bad.parse::<GrantType>().is_err(), "{bad}");
        }
    }
}
