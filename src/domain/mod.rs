//! Domain types parsed from untrusted input.

pub mod proquint;
pub mod redirect_uri;
pub mod username;
