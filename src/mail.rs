//! Outgoing e-mail: invite, recovery and address verification links,
//! through the SMTP server named by `LATCHKEY_SMTP_URL`. Without SMTP nothing is sent and the link is only
//! shown to the administrator who created it.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;

/// How long one delivery attempt may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(20);

/// Why a mail was not sent. Never carries the SMTP password.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("e-mail is not configured (set LATCHKEY_SMTP_URL and LATCHKEY_SMTP_FROM)")]
    NotConfigured,
    #[error("{0:?} is not a valid e-mail address")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("the SMTP server did not take the message: {0}")]
    Send(String),
}

/// Whether e-mail can be sent.
#[must_use]
pub fn is_configured(settings: &Settings) -> bool {
    settings.smtp.is_some()
}

/// E-mails an invite link to `to`. `expires_at` is shown as given (RFC 3339).
pub async fn send_invite(
    settings: &Settings,
    to: &str,
    url: &str,
    expires_at: &str,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let subject = format!("Your invitation to {site}");
    let text = format!(
        "You have been invited to sign in at {site}.\r\n\
         \r\n\
         Open this link to create a passkey or set a password:\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         The link works once and expires at {expires_at}.\r\n\
         If you did not expect this invitation, ignore this message.\r\n"
    );
    send(settings, "invite", to, &subject, text).await
}

/// E-mails an account recovery link to `to`.
pub async fn send_recovery(
    settings: &Settings,
    to: &str,
    url: &str,
    expires_at: &str,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let subject = format!("Recover your account at {site}");
    let text = format!(
        "An administrator created a link to recover your account at {site}.\r\n\
         \r\n\
         Open this link to create a new passkey or set a new password:\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         The link works once and expires at {expires_at}.\r\n\
         If you did not ask for this, tell your administrator.\r\n"
    );
    send(settings, "recovery", to, &subject, text).await
}

/// E-mails a recovery link that someone asked for on the sign-in page
/// ("Lost your passkey?") to the account's verified address `to`. With a
/// cooling-off delay, `usable_from` (RFC 3339) says when the link starts
/// to work, and the mail tells the owner how to cancel it meanwhile.
pub async fn send_self_service_recovery(
    settings: &Settings,
    to: &str,
    username: &str,
    url: &str,
    usable_from: Option<&str>,
    expires_at: &str,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let issuer = &settings.issuer;
    let subject = format!("Recover your account at {site}");
    let when = match usable_from {
        Some(from) => format!(
            "For your safety the link starts to work only at {from}\r\n\
             and then works once, until {expires_at}.\r\n"
        ),
        None => format!("The link works once and expires at {expires_at}.\r\n"),
    };
    let cancel = match usable_from {
        Some(from) => format!(
            "If you did not ask for this, someone may be trying to take over your\r\n\
             account: sign in as usual before {from}, open your account page\r\n\
             ({issuer}/account) and press Cancel recovery.\r\n"
        ),
        None => "If you did not ask for this, tell your administrator at once.\r\n".to_owned(),
    };
    let text = format!(
        "Someone, probably you, asked on the sign-in page of {site} for a link\r\n\
         to recover the account {username}, whose passkey or password was lost.\r\n\
         \r\n\
         Open this link to create a new passkey or set a new password:\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         {when}\
         Using it signs the account out everywhere.\r\n\
         \r\n\
         {cancel}"
    );
    send(settings, "self_service_recovery", to, &subject, text).await
}

/// E-mails a link that verifies the address `to`.
pub async fn send_email_verification(
    settings: &Settings,
    to: &str,
    url: &str,
    expires_at: &str,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let subject = format!("Verify your e-mail address at {site}");
    let text = format!(
        "Someone, probably you, asked to verify this e-mail address for an\r\n\
         account at {site}.\r\n\
         \r\n\
         Open this link and confirm:\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         The link works once and expires at {expires_at}.\r\n\
         If you did not ask for this, ignore this message.\r\n"
    );
    send(settings, "email_verification", to, &subject, text).await
}

/// E-mails a self-registration link (`LATCHKEY_SIGNUP`) to `to`: it
/// creates the account `username` with a passkey or a password. `approved`
/// says an administrator approved the request first.
pub async fn send_signup_link(
    settings: &Settings,
    to: &str,
    username: &str,
    url: &str,
    expires_at: &str,
    approved: bool,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let subject = format!("Create your account at {site}");
    let opening = if approved {
        format!("Your request for the account {username} at {site} has been approved.\r\n")
    } else {
        format!(
            "Someone, probably you, asked to create the account {username} at {site}\r\n\
             with this e-mail address.\r\n"
        )
    };
    let text = format!(
        "{opening}\
         \r\n\
         Open this link to finish: create a passkey or set a password.\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         The link works once and expires at {expires_at}.\r\n\
         No account exists until it is used. If you did not ask for this,\r\n\
         ignore this message.\r\n"
    );
    let kind = if approved {
        "signup_approved"
    } else {
        "signup"
    };
    send(settings, kind, to, &subject, text).await
}

/// E-mails the link that confirms the address of a sign-up request
/// waiting for an administrator's approval (`LATCHKEY_SIGNUP=approval`).
pub async fn send_signup_verification(
    settings: &Settings,
    to: &str,
    username: &str,
    url: &str,
    expires_at: &str,
) -> Result<(), MailError> {
    let site = site_name(settings);
    let subject = format!("Confirm your sign-up at {site}");
    let text = format!(
        "Someone, probably you, asked to create the account {username} at {site}\r\n\
         with this e-mail address.\r\n\
         \r\n\
         Open this link and confirm the request:\r\n\
         \r\n\
         {url}\r\n\
         \r\n\
         The link works once and expires at {expires_at}. An administrator\r\n\
         then reviews the request; if it is approved you get another e-mail\r\n\
         with a link to create your passkey or password.\r\n\
         If you did not ask for this, ignore this message.\r\n"
    );
    send(settings, "signup_verification", to, &subject, text).await
}

/// Answers a sign-up with an address that already belongs to an account:
/// nothing was created, and "Lost your passkey?" is the way back in.
pub async fn send_signup_existing(settings: &Settings, to: &str) -> Result<(), MailError> {
    let site = site_name(settings);
    let issuer = &settings.issuer;
    let subject = format!("Your account at {site}");
    let text = format!(
        "Someone, probably you, asked to create an account at {site} with this\r\n\
         e-mail address. You already have an account with this address, so no\r\n\
         new account was created.\r\n\
         \r\n\
         Sign in as usual at {issuer}/login . If you lost your passkey or\r\n\
         forgot your password, press \"Lost your passkey?\" on the sign-in page\r\n\
         ({issuer}/recover) to get a recovery link; if none arrives, ask your\r\n\
         administrator.\r\n\
         \r\n\
         If you did not ask for this, ignore this message.\r\n"
    );
    send(settings, "signup_existing", to, &subject, text).await
}

/// A change to the ways a user can sign in, told to them by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialChange {
    PasskeyAdded,
    PasskeyRemoved,
    PasswordSet,
    PasswordChanged,
    PasswordRemoved,
    /// An authenticator app was set up (or replaced) by the user.
    AuthenticatorAdded,
    /// The user removed their authenticator app and backup codes.
    AuthenticatorRemoved,
    /// An administrator reset the user's second factor.
    SecondFactorReset,
}

impl CredentialChange {
    fn sentence(self) -> &'static str {
        match self {
            Self::PasskeyAdded => "A passkey was added to your account",
            Self::PasskeyRemoved => "A passkey was removed from your account",
            Self::PasswordSet => "A password was set for your account",
            Self::PasswordChanged => "The password of your account was changed",
            Self::PasswordRemoved => "The password of your account was removed",
            Self::AuthenticatorAdded => "An authenticator app was set up for your account",
            Self::AuthenticatorRemoved => {
                "The authenticator app and backup codes of your account were removed"
            }
            Self::SecondFactorReset => {
                "An administrator removed the authenticator app and backup codes of your account"
            }
        }
    }
}

/// Tells `user` by e-mail that a way to sign in was added or removed, when
/// e-mail is configured and they have an address. Failures are logged (the
/// change itself stands); nothing is sent otherwise.
pub async fn notify_credential_change(
    settings: &Settings,
    user: &crate::db::User,
    change: CredentialChange,
    detail: Option<&str>,
) {
    let Some(to) = user.profile.email.as_deref() else {
        return;
    };
    if !is_configured(settings) {
        return;
    }
    let site = site_name(settings);
    let what = change.sentence();
    let detail = detail
        .map(|d| {
            let clean: String = d.chars().filter(|c| !c.is_control()).take(100).collect();
            format!(" (\"{clean}\")")
        })
        .unwrap_or_default();
    let subject = format!("Your sign-in methods at {site} changed");
    let text = format!(
        "{what} {username} at {site}{detail}.\r\n\
         \r\n\
         If this was you, there is nothing to do.\r\n\
         If it was not, someone else may be using your account: tell your\r\n\
         administrator at once.\r\n",
        username = user.username,
    );
    if let Err(e) = send(settings, "credential_change", to, &subject, text).await {
        tracing::warn!(error = %e, "credential change not e-mailed");
    }
}

/// The issuer's host, as users know the service.
fn site_name(settings: &Settings) -> String {
    url::Url::parse(&settings.issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| settings.issuer.clone())
}

/// Whether `text` may go as 7bit as it is: ASCII without NUL or bare CR/LF,
/// lines joined by CRLF and at most 998 characters long (RFC 5322 §2.1.1).
fn seven_bit_ok(text: &str) -> bool {
    text.is_ascii()
        && !text.contains('\0')
        && text
            .split("\r\n")
            .all(|line| line.len() <= 998 && !line.contains(['\r', '\n']))
}

async fn send(
    settings: &Settings,
    kind: &'static str,
    to: &str,
    subject: &str,
    text: String,
) -> Result<(), MailError> {
    let smtp = settings.smtp.as_ref().ok_or(MailError::NotConfigured)?;
    let from: Mailbox = smtp
        .from
        .parse()
        .map_err(|_| MailError::Address(smtp.from.clone()))?;
    let to_box: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
    // 7bit keeps links on one line (no quoted-printable soft breaks), also
    // when a long issuer makes a link line longer than the 76 characters
    // lettre's own 7bit choice allows (RFC 5322 allows 998). The text is
    // ASCII apart from what the issuer URL may hold, where Body picks.
    let body = if seven_bit_ok(&text) {
        Body::dangerous_pre_encoded(text.into_bytes(), ContentTransferEncoding::SevenBit)
    } else {
        Body::new(text)
    };
    let message = Message::builder()
        .from(from)
        .to(to_box)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| MailError::Build(e.to_string()))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp.url.expose_secret())
        .map_err(|e| MailError::Send(e.to_string()))?
        .timeout(Some(SEND_TIMEOUT))
        .build();
    match transport.send(message).await {
        Ok(_) => {
            crate::metrics::email(kind, "sent");
            tracing::info!(kind, "e-mail sent");
            Ok(())
        }
        Err(e) => {
            crate::metrics::email(kind, "failed");
            tracing::warn!(kind, error = %e, "e-mail not sent");
            Err(MailError::Send(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::seven_bit_ok;

    #[test]
    fn long_ascii_link_lines_stay_seven_bit() {
        let link = format!("https://id.example.com/verify-email/{}", "a".repeat(200));
        assert!(seven_bit_ok(&format!("Open:\r\n{link}\r\n")));
        assert!(!seven_bit_ok("bare\nline feed\r\n"));
        assert!(!seven_bit_ok("non-ASCII é\r\n"));
        assert!(!seven_bit_ok(&format!("{}\r\n", "x".repeat(999))));
    }
}
