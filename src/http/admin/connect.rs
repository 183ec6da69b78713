//! "Connect an application" on the admin client page: the discovery URL,
//! the settings a relying party asks for, and copy-ready configuration for
//! the applications of docs/integration.md, filled in with this client's
//! values. Plain text in `<pre>` blocks: no script is needed to copy them.
//! Every value is quoted for the language of its block (shell words, TOML
//! and JavaScript strings), so a redirect URI an outsider registered
//! (RFC 7591) cannot end its quotes and add commands or settings; INI has
//! no such quoting, so a value that is not plain is left as a placeholder.

use serde::Serialize;

use crate::db::Client;

/// Placeholder for the client secret, which is shown only once.
const SECRET: &str = "<client_secret>";

/// What the page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Connect {
    pub discovery: String,
    pub issuer: String,
    pub client_id: String,
    pub authorization: String,
    pub token: String,
    pub userinfo: String,
    pub jwks: String,
    pub end_session: String,
    pub redirect_uris: Vec<String>,
    /// Client authentication at the token endpoint.
    pub auth_method: &'static str,
    /// Whether the secret below is the real one (just created) or the
    /// placeholder.
    pub secret_filled: bool,
    pub snippets: Vec<Snippet>,
}

/// Configuration for one application.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// The application, e.g. "Grafana".
    pub app: &'static str,
    /// Where it goes.
    pub place: &'static str,
    pub text: String,
}

/// A value as a POSIX shell word: in single quotes, each `'` written as
/// `'\''`, so nothing in it (`$(`, backticks, quotes, newlines) is read by
/// the shell.
fn sh(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// A value as a TOML basic string (oauth2-proxy's configuration), with
/// quotes, backslashes and control characters escaped.
fn toml(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value as a JavaScript string literal: JSON's quoting, with the line
/// and paragraph separators escaped as well.
fn js(value: &str) -> String {
    serde_json::Value::from(value)
        .to_string()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// A value for an INI line (`grafana.ini`, which has no quoting that
/// every reader agrees on): the value itself when it is plain (printable
/// ASCII without spaces, quotes, `;`, `#` or backslashes), otherwise
/// `placeholder` for the administrator to fill in.
fn ini<'a>(value: &'a str, placeholder: &'a str) -> &'a str {
    let plain = !value.is_empty()
        && value.bytes().all(|b| {
            b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b';' | b'#' | b'\\' | b'`')
        });
    if plain { value } else { placeholder }
}

/// The settings of `client` on the provider at `issuer`; `secret` when it
/// was just created and is on the page anyway.
#[must_use]
pub fn settings(issuer: &str, client: &Client, secret: Option<&str>) -> Connect {
    let id = client.client_id.as_str().to_owned();
    let url = |path: &str| format!("{issuer}{path}");
    let redirect = client
        .redirect_uris
        .first()
        .map_or("<redirect_uri>", String::as_str);
    let after_logout = client.post_logout_redirect_uris.first();
    let secret_text = secret.unwrap_or(SECRET);
    let discovery = url("/.well-known/openid-configuration");
    let mut snippets = Vec::new();
    if client.public {
        snippets.push(Snippet {
            app: "Single-page app (oidc-client-ts)",
            place: "JavaScript",
            text: format!(
                "const auth = new UserManager({{\n  authority: {},\n  client_id: {},\n  redirect_uri: {},\n  post_logout_redirect_uri: {},\n  response_type: \"code\",\n  scope: \"openid profile email\",\n}});",
                js(issuer),
                js(&id),
                js(redirect),
                js(after_logout.map_or(redirect, String::as_str))
            ),
        });
    } else {
        let signout = after_logout.map_or(String::new(), |uri| {
            format!(
                "\nsignout_redirect_url = {}?post_logout_redirect_uri={}&client_id={}",
                ini(&url("/logout"), "<issuer>/logout"),
                url::form_urlencoded::byte_serialize(uri.as_bytes()).collect::<String>(),
                url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
            )
        });
        snippets.push(Snippet {
            app: "Grafana",
            place: "grafana.ini",
            text: format!(
                "[auth.generic_oauth]\nenabled = true\nname = Latchkey\nclient_id = {}\nclient_secret = {}\nscopes = openid profile email groups\nauth_url = {}\ntoken_url = {}\napi_url = {}\nuse_pkce = true\nuse_refresh_token = true\nlogin_attribute_path = preferred_username\nname_attribute_path = name\nemail_attribute_path = email{signout}",
                ini(&id, "<client_id>"),
                ini(secret_text, SECRET),
                ini(&url("/authorize"), "<issuer>/authorize"),
                ini(&url("/token"), "<issuer>/token"),
                ini(&url("/userinfo"), "<issuer>/userinfo"),
            ),
        });
        snippets.push(Snippet {
            app: "Nextcloud (user_oidc)",
            place: "shell, in the Nextcloud folder",
            text: format!(
                "sudo -u www-data php occ user_oidc:provider Latchkey \\\n  --clientid={} --clientsecret={} \\\n  --discoveryuri={} \\\n  --scope='openid profile email groups' \\\n  --mapping-display-name=name --mapping-email=email \\\n  --group-provisioning=1 --mapping-groups=groups",
                sh(&id),
                sh(secret_text),
                sh(&discovery)
            ),
        });
        snippets.push(Snippet {
            app: "Forgejo / Gitea",
            place: "shell",
            text: format!(
                "forgejo admin auth add-oauth --name Latchkey --provider openidConnect \\\n  --key {} --secret {} \\\n  --auto-discover-url {} \\\n  --scopes 'openid profile email groups' \\\n  --group-claim-name groups",
                sh(&id),
                sh(secret_text),
                sh(&discovery)
            ),
        });
        snippets.push(Snippet {
            app: "oauth2-proxy",
            place: "oauth2-proxy.cfg",
            text: format!(
                "provider = \"oidc\"\noidc_issuer_url = {}\nclient_id = {}\nclient_secret = {}\nredirect_url = {}\nscope = \"openid profile email groups\"\ncode_challenge_method = \"S256\"\noidc_groups_claim = \"groups\"\nemail_domains = [\"*\"]",
                toml(issuer),
                toml(&id),
                toml(secret_text),
                toml(redirect)
            ),
        });
    }
    Connect {
        issuer: issuer.to_owned(),
        client_id: id,
        authorization: url("/authorize"),
        token: url("/token"),
        userinfo: url("/userinfo"),
        jwks: url("/jwks"),
        end_session: url("/logout"),
        redirect_uris: client.redirect_uris.clone(),
        auth_method: client.auth_method().as_str(),
        secret_filled: secret.is_some(),
        discovery,
        snippets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "https://app.example/cb?a='; touch /tmp/pwned; echo '",
        "https://app.example/cb?a=\"$(touch /tmp/pwned)\"`id`",
        "https://app.example/cb?a=x\"\nemail_domains = [\"*\"]\nz=\"\\",
        "it's \u{7f}\u{1b}[31m\u{2028}\r\n",
    ];

    #[test]
    fn shell_words_come_back_as_given() {
        for value in HOSTILE {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("printf %s {}", sh(value)))
                .output()
                .unwrap();
            assert_eq!(String::from_utf8(out.stdout).unwrap(), *value);
        }
    }

    #[test]
    fn toml_and_js_strings_come_back_as_given() {
        for value in HOSTILE {
            let doc: toml::Table = toml::from_str(&format!("k = {}\n", toml(value))).unwrap();
            assert_eq!(doc.len(), 1);
            assert_eq!(doc["k"].as_str(), Some(*value));
            let literal = js(value);
            assert!(!literal.contains(['\n', '\r', '\u{2028}', '\u{2029}']));
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), *value);
        }
        assert_eq!(ini("abc-DEF_1.~", "<x>"), "abc-DEF_1.~");
        for value in HOSTILE {
            assert_eq!(ini(value, "<x>"), "<x>");
        }
    }
}
