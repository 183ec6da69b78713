//! Latchkey: a self-hosted OpenID Connect provider.
//!
//! `main.rs` only wires; everything lives here so tests and benchmarks can
//! build the application in-process.

pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod branding;
pub mod cli;
pub mod clock;
pub mod config;
pub mod cpu;
pub mod crypto;
pub mod db;
pub mod domain;
pub mod http;
pub mod i18n;
pub mod mail;
pub mod manage;
pub mod metrics;
pub mod oidc;
pub mod telemetry;
pub mod templates;
pub mod transfer;
