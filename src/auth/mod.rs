//! Authentication: passwords, sessions, passkeys, throttling (no HTTP types).

pub mod invite;
pub mod passkey;
pub mod password;
pub mod revoke;
pub mod session;
pub mod throttle;
