//! OpenID Provider metadata (Discovery 1.0, RFC 8414): only what is implemented.

use serde_json::json;

use super::claims::{SUPPORTED_CLAIMS, SUPPORTED_SCOPES};
use crate::config::Settings;
use crate::domain::signing_alg::SigningAlg;

/// The metadata document for `settings.issuer`, serialized.
#[must_use]
pub fn document(settings: &Settings) -> String {
    let i = &settings.issuer;
    let algs: Vec<&str> = SigningAlg::ALL.iter().map(|a| a.as_str()).collect();
    let auth_methods = [
        "client_secret_basic",
        "client_secret_post",
        "client_secret_jwt",
        "private_key_jwt",
        "none",
    ];
    let confidential_methods = &auth_methods[..4];
    // Exactly the algorithms assertions are accepted with (never `none`).
    let mut assertion_algs = super::client_assertion::public_key_alg_names();
    assertion_algs.extend(super::client_assertion::secret_alg_names());
    let mut doc = json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "userinfo_endpoint": format!("{i}/userinfo"),
        "jwks_uri": format!("{i}/jwks"),
        "revocation_endpoint": format!("{i}/revoke"),
        "introspection_endpoint": format!("{i}/introspect"),
        "end_session_endpoint": format!("{i}/logout"),
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "pushed_authorization_request_endpoint": format!("{i}/par"),
        "require_pushed_authorization_requests": settings.require_par,
        "device_authorization_endpoint": format!("{i}/device_authorization"),
        "scopes_supported": SUPPORTED_SCOPES,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "form_post"],
        "grant_types_supported": crate::domain::grant_type::GrantType::ALL
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>(),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "token_endpoint_auth_methods_supported": auth_methods,
        "token_endpoint_auth_signing_alg_values_supported": assertion_algs,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_signing_alg_values_supported": assertion_algs,
        "introspection_endpoint_auth_methods_supported": confidential_methods,
        "introspection_endpoint_auth_signing_alg_values_supported": assertion_algs,
        "code_challenge_methods_supported": ["S256"],
        "dpop_signing_alg_values_supported": super::dpop::alg_names(),
        "claims_supported": SUPPORTED_CLAIMS,
        "claims_parameter_supported": true,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "authorization_response_iss_parameter_supported": true,
        "prompt_values_supported": ["none", "login", "consent", "select_account"],
        "acr_values_supported": crate::auth::acr::supported(),
        "ui_locales_supported": crate::i18n::supported_tags(),
        "claim_types_supported": ["normal"],
    });
    // RFC 7591 §3 / RFC 8414: only when registration is enabled.
    if settings.registration != crate::config::RegistrationMode::Off {
        doc["registration_endpoint"] = json!(format!("{i}/register"));
    }
    doc.to_string()
}
