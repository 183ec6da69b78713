//! The OpenID Connect protocol core (no HTTP types here).

pub mod authorize;
pub mod backchannel;
pub mod claims;
pub mod client_assertion;
pub mod codes;
pub mod device;
pub mod discovery;
pub mod dpop;
pub mod error;
pub mod flow;
pub mod grants;
pub mod keys;
pub mod par;
pub mod params;
pub mod provider;
pub mod tokens;

#[cfg(test)]
mod proptests;
