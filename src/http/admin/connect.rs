//! "Connect an application" on the admin client page: the discovery URL,
//! the settings a relying party asks for, and copy-ready configuration for
//! the applications of docs/integration.md, filled in with this client's
//! values. Plain text in `<pre>` blocks: no script is needed to copy them.

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
                "const auth = new UserManager({{\n  authority: \"{issuer}\",\n  client_id: \"{id}\",\n  redirect_uri: \"{redirect}\",\n  post_logout_redirect_uri: \"{}\",\n  response_type: \"code\",\n  scope: \"openid profile email\",\n}});",
                after_logout.map_or(redirect, String::as_str)
            ),
        });
    } else {
        let signout = after_logout.map_or(String::new(), |uri| {
            format!(
                "\nsignout_redirect_url = {}?post_logout_redirect_uri={}&client_id={id}",
                url("/logout"),
                url::form_urlencoded::byte_serialize(uri.as_bytes()).collect::<String>()
            )
        });
        snippets.push(Snippet {
            app: "Grafana",
            place: "grafana.ini",
            text: format!(
                "[auth.generic_oauth]\nenabled = true\nname = Latchkey\nclient_id = {id}\nclient_secret = {secret_text}\nscopes = openid profile email groups\nauth_url = {}\ntoken_url = {}\napi_url = {}\nuse_pkce = true\nuse_refresh_token = true\nlogin_attribute_path = preferred_username\nname_attribute_path = name\nemail_attribute_path = email{signout}",
                url("/authorize"),
                url("/token"),
                url("/userinfo"),
            ),
        });
        snippets.push(Snippet {
            app: "Nextcloud (user_oidc)",
            place: "shell, in the Nextcloud folder",
            text: format!(
                "sudo -u www-data php occ user_oidc:provider Latchkey \\\n  --clientid='{id}' --clientsecret='{secret_text}' \\\n  --discoveryuri='{discovery}' \\\n  --scope='openid profile email groups' \\\n  --mapping-display-name=name --mapping-email=email \\\n  --group-provisioning=1 --mapping-groups=groups"
            ),
        });
        snippets.push(Snippet {
            app: "Forgejo / Gitea",
            place: "shell",
            text: format!(
                "forgejo admin auth add-oauth --name Latchkey --provider openidConnect \\\n  --key '{id}' --secret '{secret_text}' \\\n  --auto-discover-url {discovery} \\\n  --scopes 'openid profile email groups' \\\n  --group-claim-name groups"
            ),
        });
        snippets.push(Snippet {
            app: "oauth2-proxy",
            place: "oauth2-proxy.cfg",
            text: format!(
                "provider = \"oidc\"\noidc_issuer_url = \"{issuer}\"\nclient_id = \"{id}\"\nclient_secret = \"{secret_text}\"\nredirect_url = \"{redirect}\"\nscope = \"openid profile email groups\"\ncode_challenge_method = \"S256\"\noidc_groups_claim = \"groups\"\nemail_domains = [\"*\"]"
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
