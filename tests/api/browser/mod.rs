//! Browser end-to-end scenarios (issue 6): headless Chromium over the
//! DevTools protocol, passkeys through the WebAuthn virtual authenticator,
//! and a real OIDC relying party. Screenshots of every step are kept under
//! `target/browser-screenshots/<scenario>/`.

mod access;
mod accounts;
mod device;
mod driver;
mod languages;
mod recovery;
mod rp;
mod scenarios;
mod second_factor;
mod spa;
mod tour;
