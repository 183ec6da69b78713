//! Authentication: passwords, sessions, passkeys, throttling (no HTTP types).

pub mod acr;
pub mod authenticators;
pub mod common_passwords;
pub mod device;
pub mod hashing;
pub mod invite;
pub mod passkey;
pub mod password;
pub mod recovery_codes;
pub mod revoke;
pub mod second_factor;
pub mod second_step;
pub mod session;
pub mod signin;
pub mod throttle;
