//! Integration tests: the real server on a random port with a fresh
//! database, driven over HTTP. One binary, one module per capability.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::type_complexity
)]

mod helpers;

mod access_policy;
mod account;
mod admin_api;
mod admin_boundary;
mod admin_ui;
mod admin_users;
mod api_keys;
mod audit_log;
mod audit_refusals;
mod authorize_answers;
mod authorize_errors;
mod backchannel_logout;
mod backup;
mod branding;
mod browser;
mod claims;
mod cli;
mod client_admin;
mod client_boundaries;
mod client_jwt;
mod connected_apps;
mod cors;
mod crash;
mod decision;
mod device_flow;
mod docs;
mod dpop;
mod email_verification;
mod faults;
mod foundation;
mod groups;
mod hostile;
mod instances;
mod invite_passkeys;
mod invites;
mod languages;
mod limits;
mod load;
mod lockout;
mod logout;
mod mail;
mod mail_links;
mod mfa_policy;
mod mfa_signin;
mod oidc_flow;
mod ops;
mod otel_traces;
mod pages_that_help;
mod par;
mod passkeys;
mod postgres;
mod reauth;
mod recovery;
mod recovery_codes;
mod registration;
mod repos;
mod revocation;
mod roles;
mod second_factor;
mod secret_files;
mod signin;
mod signup;
mod token_errors;
mod token_use;
mod transfer;
mod upgrade;
