//! Authentication: passwords, sessions, passkeys, throttling (no HTTP types).

pub mod password;
pub mod session;
