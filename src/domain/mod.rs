//! Domain types parsed from untrusted input.

pub mod proquint;
pub mod username;
