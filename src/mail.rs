//! Outgoing e-mail: invite, recovery and address verification links,
//! through the SMTP server named by `LATCHKEY_SMTP_URL`. Without SMTP nothing is sent and the link is only
//! shown to the administrator who created it.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::i18n::{self, Arg, Locale};

/// The message `id` of the catalogues in `locale` with `args`, as lines
/// of a mail (CRLF).
fn text(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut text = i18n::message(locale, id, args).replace('\n', "\r\n");
    text.push_str("\r\n");
    text
}

/// The language of a mail about someone: their `locale` claim when it
/// names a shipped language, else the request's ([`i18n::current`]).
#[must_use]
pub fn locale_for(claim: Option<&str>) -> Locale {
    claim
        .and_then(Locale::from_tag)
        .unwrap_or_else(i18n::current)
}

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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-invite-subject",
        &[("site", site.as_str().into())],
    );
    let text = text(
        locale,
        "mail-invite-body",
        &[
            ("site", site.as_str().into()),
            ("url", url.into()),
            ("expires", expires_at.into()),
        ],
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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-recovery-subject",
        &[("site", site.as_str().into())],
    );
    let text = text(
        locale,
        "mail-recovery-body",
        &[
            ("site", site.as_str().into()),
            ("url", url.into()),
            ("expires", expires_at.into()),
        ],
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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-recovery-subject",
        &[("site", site.as_str().into())],
    );
    let (when, cancel) = match usable_from {
        Some(from) => (
            i18n::message(
                locale,
                "mail-self-recovery-when-delayed",
                &[("from", from.into()), ("expires", expires_at.into())],
            ),
            i18n::message(
                locale,
                "mail-self-recovery-cancel-delayed",
                &[("from", from.into()), ("issuer", issuer.as_str().into())],
            ),
        ),
        None => (
            i18n::message(
                locale,
                "mail-self-recovery-when",
                &[("expires", expires_at.into())],
            ),
            i18n::message(locale, "mail-self-recovery-cancel", &[]),
        ),
    };
    let text = text(
        locale,
        "mail-self-recovery-body",
        &[
            ("site", site.as_str().into()),
            ("username", username.into()),
            ("url", url.into()),
            ("when", when.into()),
            ("cancel", cancel.into()),
        ],
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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-verify-subject",
        &[("site", site.as_str().into())],
    );
    let text = text(
        locale,
        "mail-verify-body",
        &[
            ("site", site.as_str().into()),
            ("url", url.into()),
            ("expires", expires_at.into()),
        ],
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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-signup-subject",
        &[("site", site.as_str().into())],
    );
    let names = [
        ("username", Arg::from(username)),
        ("site", site.as_str().into()),
    ];
    let opening = if approved {
        i18n::message(locale, "mail-signup-approved", &names)
    } else {
        i18n::message(locale, "mail-signup-asked", &names)
    };
    let text = text(
        locale,
        "mail-signup-body",
        &[
            ("opening", opening.into()),
            ("url", url.into()),
            ("expires", expires_at.into()),
        ],
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
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-signup-verify-subject",
        &[("site", site.as_str().into())],
    );
    let text = text(
        locale,
        "mail-signup-verify-body",
        &[
            ("username", username.into()),
            ("site", site.as_str().into()),
            ("url", url.into()),
            ("expires", expires_at.into()),
        ],
    );
    send(settings, "signup_verification", to, &subject, text).await
}

/// Answers a sign-up with an address that already belongs to an account:
/// nothing was created, and "Lost your passkey?" is the way back in.
pub async fn send_signup_existing(settings: &Settings, to: &str) -> Result<(), MailError> {
    let site = site_name(settings);
    let issuer = &settings.issuer;
    let locale = i18n::current();
    let subject = i18n::message(
        locale,
        "mail-signup-existing-subject",
        &[("site", site.as_str().into())],
    );
    let text = text(
        locale,
        "mail-signup-existing-body",
        &[
            ("site", site.as_str().into()),
            ("issuer", issuer.as_str().into()),
        ],
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
    /// The user created (or replaced) their recovery codes.
    RecoveryCodesCreated,
    /// A recovery code was used to get a recovery link.
    RecoveryCodeUsed,
}

impl CredentialChange {
    /// The id of the sentence that tells of the change.
    fn sentence(self) -> &'static str {
        match self {
            Self::PasskeyAdded => "mail-change-passkey-added",
            Self::PasskeyRemoved => "mail-change-passkey-removed",
            Self::PasswordSet => "mail-change-password-set",
            Self::PasswordChanged => "mail-change-password-changed",
            Self::PasswordRemoved => "mail-change-password-removed",
            Self::AuthenticatorAdded => "mail-change-authenticator-added",
            Self::AuthenticatorRemoved => "mail-change-authenticator-removed",
            Self::SecondFactorReset => "mail-change-second-factor-reset",
            Self::RecoveryCodesCreated => "mail-change-recovery-codes-created",
            Self::RecoveryCodeUsed => "mail-change-recovery-code-used",
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
    let detail = detail
        .map(|d| {
            let clean: String = d.chars().filter(|c| !c.is_control()).take(100).collect();
            format!(" (\"{clean}\")")
        })
        .unwrap_or_default();
    let locale = locale_for(user.profile.locale.as_deref());
    let subject = i18n::message(
        locale,
        "mail-change-subject",
        &[("site", site.as_str().into())],
    );
    let what = i18n::message(
        locale,
        change.sentence(),
        &[
            ("username", user.username.to_string().into()),
            ("site", site.as_str().into()),
            ("detail", detail.into()),
        ],
    );
    let text = text(locale, "mail-change-body", &[("what", what.into())]);
    if let Err(e) = send(settings, "credential_change", to, &subject, text).await {
        tracing::warn!(error = %e, "credential change not e-mailed");
    }
}

/// The service as mails name it: the instance name when one is configured
/// (`LATCHKEY_INSTANCE_NAME`), else the issuer's host, as users know it.
fn site_name(settings: &Settings) -> String {
    if settings.branding.name != crate::branding::DEFAULT_NAME {
        return settings.branding.name.clone();
    }
    url::Url::parse(&settings.issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| settings.issuer.clone())
}

/// The signature every mail ends with: the instance's name and address,
/// and where to get help when a support contact is configured.
fn signature(settings: &Settings) -> String {
    let name: String = settings
        .branding
        .name
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let mut out = format!("\r\n-- \r\n{name}, {}\r\n", settings.issuer);
    if let Some(support) = &settings.branding.support {
        out.push_str(&format!("Help: {}\r\n", support.label()));
    }
    out
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
    let text = text + &signature(settings);
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
