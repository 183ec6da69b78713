//! Page templates, embedded in the binary and compiled once.
//!
//! Every page is rendered in the request's language ([`crate::i18n`]):
//! [`render`] adds `lang` (its tag) and `dir` (`ltr` or `rtl`) to the
//! context, and templates write their texts as `{{ t("message-id") }}` or
//! `{{ t("message-id", name=value) }}`, looked up in that language's catalogue.
//!
//! Every page also sees `brand` (the instance's name, logo, stylesheet and
//! support contact, [`Brand`]) and `signed_in` (whether the request carried
//! a live session, which puts **Sign out** in the header). Both come from
//! the request's [`scope`], set by the web layer around every handler, so
//! error pages rendered far from any handler state are branded too.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

use axum::http::StatusCode;
use axum::response::Html;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, Error, State};
use serde::Serialize;

use crate::i18n::{self, Locale};

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
    "recovery_codes.html",
    "admin_layout.html",
    "admin_users.html",
    "admin_user.html",
    "admin_clients.html",
    "admin_client.html",
    "admin_client_connect.html",
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
    env.add_function("t", translate);
    env.add_function("th", translate_html);
    env.add_filter("localize", localize);
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env
});

/// A support contact as a page links it.
#[derive(Debug, Clone, Serialize)]
pub struct SupportLink {
    pub href: String,
    pub label: String,
}

/// The instance's branding as pages show it: every URL points at Latchkey
/// itself and carries the content's hash (`?v=`), so it may be cached long.
#[derive(Debug, Clone, Serialize)]
pub struct Brand {
    pub name: String,
    /// `/branding/logo?v=…`, when a logo is configured.
    pub logo: Option<String>,
    /// `/branding/style.css?v=…`, when an accent colour is configured.
    pub stylesheet: Option<String>,
    pub support: Option<SupportLink>,
}

impl Brand {
    /// The page view of the configured branding.
    #[must_use]
    pub fn of(branding: &crate::branding::Branding) -> Self {
        Self {
            name: branding.name.clone(),
            logo: branding
                .logo
                .as_ref()
                .map(|l| format!("/branding/logo?v={}", l.hash)),
            stylesheet: branding
                .stylesheet_hash()
                .map(|h| format!("/branding/style.css?v={h}")),
            support: branding.support.as_ref().map(|s| SupportLink {
                href: s.href(),
                label: s.label().to_owned(),
            }),
        }
    }
}

static DEFAULT_BRAND: LazyLock<Arc<Brand>> =
    LazyLock::new(|| Arc::new(Brand::of(&crate::branding::Branding::default())));

/// What a request's pages share.
struct PageScope {
    brand: Arc<Brand>,
    signed_in: AtomicBool,
}

tokio::task_local! {
    static PAGE: PageScope;
}

/// Runs `future` (a request's handling) with `brand` for its pages.
pub async fn scope<F: Future>(brand: Arc<Brand>, future: F) -> F::Output {
    PAGE.scope(
        PageScope {
            brand,
            signed_in: AtomicBool::new(false),
        },
        future,
    )
    .await
}

/// Records that the request has a live session: its pages offer **Sign out**.
pub fn mark_signed_in() {
    let _ = PAGE.try_with(|p| p.signed_in.store(true, Ordering::Relaxed));
}

/// `t("message-id", name=value, …)`: the message in the language of the
/// page being rendered (its `lang`), escaped like any other text.
fn translate(state: &State, id: &str, kwargs: Kwargs) -> Result<String, Error> {
    message(state, id, &kwargs, false)
}

/// `th("message-id", name=value, …)`: a message whose text carries markup
/// (`<strong>`, written in the catalogues, which are part of the code);
/// the arguments are escaped, the message is not.
fn translate_html(state: &State, id: &str, kwargs: Kwargs) -> Result<Value, Error> {
    message(state, id, &kwargs, true).map(Value::from_safe_string)
}

/// `{{ error|localize }}`: a fixed English text made in Rust (a notice, a
/// refusal) in the page's language when the catalogues have it word for
/// word ([`i18n::localize`]); anything else unchanged.
fn localize(state: &State, text: &str) -> String {
    let locale = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default();
    i18n::localize_in(locale, text)
}

fn message(state: &State, id: &str, kwargs: &Kwargs, escape: bool) -> Result<String, Error> {
    let locale = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Locale::parse))
        .unwrap_or_default();
    let mut args = Vec::new();
    for key in kwargs.args() {
        let value: Value = kwargs.get(key)?;
        let arg = match value.kind() {
            ValueKind::Number => i64::try_from(value.clone())
                .map(i18n::Arg::from)
                .or_else(|_| f64::try_from(value.clone()).map(i18n::Arg::from))
                .unwrap_or_else(|_| i18n::Arg::from(value.to_string())),
            ValueKind::Undefined | ValueKind::None => i18n::Arg::from(String::new()),
            _ if escape => i18n::Arg::from(escape_html(&value.to_string())),
            _ => i18n::Arg::from(value.to_string()),
        };
        args.push((key, arg));
    }
    Ok(i18n::message(locale, id, &args))
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `name` with `context` in the request's language
/// ([`i18n::current`]). A template error is logged and yields a plain
/// error page, so a page can never panic.
pub fn render<S: Serialize>(name: &str, context: S) -> Result<Html<String>, String> {
    render_in(i18n::current(), name, context)
}

/// Renders `name` with `context` in `locale` (e-mails, whose language is
/// not always the request's).
pub fn render_in<S: Serialize>(
    locale: Locale,
    name: &str,
    context: S,
) -> Result<Html<String>, String> {
    let (brand, signed_in) = PAGE
        .try_with(|p| (p.brand.clone(), p.signed_in.load(Ordering::Relaxed)))
        .unwrap_or_else(|_| (DEFAULT_BRAND.clone(), false));
    let context = minijinja::context! {
        lang => locale.tag(),
        dir => locale.dir(),
        brand => Value::from_serialize(&*brand),
        signed_in,
        ..Value::from_serialize(context)
    };
    ENV.get_template(name)
        .and_then(|t| t.render(context))
        .map(Html)
        .map_err(|e| format!("template {name}: {e:#}"))
}

/// The error page.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Html<String> {
    error_page_inner(status, title, message, false)
}

/// The error page with a link to the start page (for addresses that lead
/// nowhere).
pub fn error_page_with_home(status: StatusCode, title: &str, message: &str) -> Html<String> {
    error_page_inner(status, title, message, true)
}

fn error_page_inner(status: StatusCode, title: &str, message: &str, home: bool) -> Html<String> {
    render(
        "error.html",
        minijinja::context! { title => title, message => message, status => status.as_u16(), home => home },
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
    fn arguments_of_markup_messages_are_escaped() {
        let html = super::render_in(
            crate::i18n::Locale::En,
            "login.html",
            minijinja::context! { client_name => "<script>x</script>", csrf => "c" },
        )
        .unwrap()
        .0;
        assert!(
            html.contains("to continue to <strong>&lt;script&gt;x&lt;&#x2f;script&gt;</strong>"),
            "{html}"
        );
        assert!(!html.contains("<script>x"), "{html}");
        assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{html}");
        let html = super::render_in(
            crate::i18n::Locale::Ar,
            "login.html",
            minijinja::context! {},
        )
        .unwrap()
        .0;
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
    }

    #[test]
    fn every_template_compiles() {
        let mut env = minijinja::Environment::new();
        for (name, source) in super::TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    /// Every `t("…")` in a template and every `t("…")`/`t_args("…")` in the
    /// code names a message of the English catalogue. An id ending in `-`
    /// is the start of ids composed from a value (`t("admin-role-" ~ role)`),
    /// checked by `http::admin::tests::every_message_composed_from_a_value_exists`.
    #[test]
    fn every_message_used_exists_in_english() {
        let english = crate::i18n::message_ids(crate::i18n::Locale::En);
        let mut sources: Vec<(String, String)> = super::TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    sources.push((path.display().to_string(), text));
                }
            }
        }
        let mut used = 0;
        let mut missing = Vec::new();
        for (name, text) in &sources {
            for call in ["t(\"", "th(\"", "t_args(\""] {
                for (at, _) in text.match_indices(call) {
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + call.len()..];
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if !rest[id.len()..].starts_with('"') || id.is_empty() || id.ends_with('-') {
                        continue;
                    }
                    used += 1;
                    if !english.contains(&id) && id != "no-such-message" && id != "message-id" {
                        missing.push(format!("{name}: {id}"));
                    }
                }
            }
        }
        assert!(used > 10, "found only {used} uses");
        assert!(
            missing.is_empty(),
            "not in locales/en/latchkey.ftl: {missing:?}"
        );
    }
}
