//! Page templates, embedded in the binary and compiled once.

use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::response::Html;
use minijinja::Environment;
use serde::Serialize;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every template, by file name.
const TEMPLATES: &[(&str, &str)] = embedded![
    "layout.html",
    "error.html",
    "consent.html",
    "form_post.html",
    "no_access.html",
    "device.html",
    "device_done.html",
    "logout.html",
    "signed_out.html",
    "login.html",
    "second_factor.html",
    "invite.html",
    "account.html",
    "verify_email.html",
    "recover.html",
    "signup.html",
    "signup_verify.html",
    "admin_signups.html",
    "totp_enrol.html",
    "backup_codes.html",
    "admin_layout.html",
    "admin_users.html",
    "admin_user.html",
    "admin_clients.html",
    "admin_client.html",
    "admin_groups.html",
    "admin_group.html",
    "admin_invites.html",
    "admin_audit.html",
    "admin_keys.html",
    "admin_registration_tokens.html",
    "admin_api_keys.html",
];

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env
});

/// Renders `name` with `context`. A template error is logged and yields a
/// plain error page, so a page can never panic.
pub fn render<S: Serialize>(name: &str, context: S) -> Result<Html<String>, String> {
    ENV.get_template(name)
        .and_then(|t| t.render(context))
        .map(Html)
        .map_err(|e| format!("template {name}: {e:#}"))
}

/// The error page.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Html<String> {
    render(
        "error.html",
        minijinja::context! { title => title, message => message, status => status.as_u16() },
    )
    .unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page failed to render");
        Html(format!(
            "<!doctype html><title>{}</title><p>{}</p>",
            status.as_u16(),
            status.as_u16()
        ))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_compiles() {
        let mut env = minijinja::Environment::new();
        for (name, source) in super::TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
