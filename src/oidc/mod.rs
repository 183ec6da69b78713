//! The OpenID Connect protocol core (no HTTP types here).

pub mod keys;
pub mod tokens;
