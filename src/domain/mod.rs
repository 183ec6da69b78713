//! Domain types parsed from untrusted input.

pub mod auth_method;
pub mod claim_mapping;
pub mod client_id;
pub mod client_jwks;
pub mod grant_type;
pub mod origin;
pub mod proquint;
pub mod redirect_uri;
pub mod role;
pub mod signing_alg;
pub mod user_agent;
pub mod username;
