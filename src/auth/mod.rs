//! Authentication: passwords, sessions, passkeys, throttling (no HTTP types).

pub mod passkey;
pub mod invite;
pub mod password;
pub mod session;
pub mod throttle;
