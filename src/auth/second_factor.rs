//! Second factors: an authenticator app (TOTP, RFC 6238: SHA-1, six digits,
//! 30-second steps) and single-use backup codes (no HTTP types).
//!
//! The TOTP secret is sealed at rest under the derived second-factor key,
//! bound to the userid ([`MasterKey::seal_second_factor`]). A code is
//! accepted in the step before, at, or after the current one, and only for a
//! step later than the last accepted one, recorded with one conditional
//! UPDATE ([`crate::db::SecondFactorRepo::accept_totp_step`]): each code
//! works once, even when two requests race. Backup codes are ten random
//! codes from an alphabet without look-alike characters, shown once and
//! stored only as hashes; each is spent with one conditional UPDATE.
//!
//! Time always comes from the injected [`Clock`]. Nothing here throttles or
//! audits: callers count failures and record events.

use rand::Rng;
use serde::Serialize;
use totp_rs::{Algorithm, Builder, Totp};

use crate::clock::Clock;
use crate::crypto::{MasterKey, SealError, hash_secret};
use crate::db::{DbError, DbResult, Repos, User};

/// Length of a TOTP step in seconds.
const STEP_SECONDS: u64 = 30;
/// Digits of a TOTP code.
const DIGITS: u8 = 6;
/// Bytes of a TOTP secret (160 bits, RFC 4226 §4's recommendation).
const SECRET_BYTES: usize = 20;
/// How many backup codes a user gets at a time.
pub const BACKUP_CODES: usize = 10;
/// Characters of backup codes: lowercase letters and digits without the
/// look-alikes `0 o 1 l i` (31 characters; about 49.5 bits per code).
const BACKUP_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Characters in one backup code (shown as two groups of five).
const BACKUP_LEN: usize = 10;
/// Longer input is refused before any work is done.
const MAX_INPUT: usize = 64;

/// Errors of the second-factor services.
#[derive(Debug, thiserror::Error)]
pub enum SecondFactorError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Seal(#[from] SealError),
}

/// What second factors an account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Status {
    /// A confirmed authenticator app is in force.
    pub totp: bool,
    /// Unused backup codes.
    pub backup_codes_left: u32,
}

/// The second factors of `userid`.
pub async fn status(repos: &Repos, userid: &str) -> DbResult<Status> {
    let totp = repos
        .second_factors
        .totp(userid)
        .await?
        .is_some_and(|r| r.secret.is_some());
    let backup_codes_left = repos.second_factors.backup_codes_left(userid).await?;
    Ok(Status {
        totp,
        backup_codes_left,
    })
}

/// How a code typed at sign-in or step-up was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// A code of the authenticator app, now spent.
    Totp,
    /// A backup code, now spent; `left` unused ones remain.
    BackupCode { left: u32 },
    /// Neither (wrong, already used, or nothing set up).
    Refused,
}

/// Checks a code for an account with a confirmed authenticator or backup
/// codes: a six-digit TOTP code for a step within one of `clock.now()` and
/// later than the last accepted step (recorded with one conditional
/// UPDATE), else an unused backup code (spent with one conditional UPDATE).
/// Case, spaces and dashes in the input are ignored. No throttling and no
/// audit: the caller counts failures and audits.
pub async fn check_code(
    repos: &Repos,
    clock: &dyn Clock,
    master: &MasterKey,
    userid: &str,
    code: &str,
) -> Result<CodeCheck, SecondFactorError> {
    if code.len() > MAX_INPUT {
        return Ok(CodeCheck::Refused);
    }
    let code = normalize(code);
    let now = clock.now();
    if is_totp_code(&code) {
        let Some(record) = repos.second_factors.totp(userid).await? else {
            return Ok(CodeCheck::Refused);
        };
        let Some(sealed) = record.secret else {
            return Ok(CodeCheck::Refused);
        };
        let secret = master.open_second_factor(userid, &sealed)?;
        let Some(step) = matching_step(&secret, &code, now, record.last_step)? else {
            return Ok(CodeCheck::Refused);
        };
        return Ok(
            if repos
                .second_factors
                .accept_totp_step(userid, &sealed, step, now)
                .await?
            {
                CodeCheck::Totp
            } else {
                CodeCheck::Refused
            },
        );
    }
    if code.len() != BACKUP_LEN {
        return Ok(CodeCheck::Refused);
    }
    let hash = backup_code_hash(userid, &code);
    if repos
        .second_factors
        .use_backup_code(userid, &hash, now)
        .await?
    {
        let left = repos.second_factors.backup_codes_left(userid).await?;
        Ok(CodeCheck::BackupCode { left })
    } else {
        Ok(CodeCheck::Refused)
    }
}

/// An enrolment in progress, to show on the page.
#[derive(Debug, Clone, Serialize)]
pub struct Enrolment {
    /// The secret in base32 (RFC 4648, no padding), for typing in by hand.
    pub secret_base32: String,
    /// `otpauth://totp/…`, what the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an inline `<svg>` element (no XML prologue) with
    /// `role="img"` and an accessible label; made only of rectangles, so it
    /// is safe to insert unescaped.
    pub qr_svg: String,
    /// `secret_base32` in groups of four separated by spaces (added by
    /// `totp`; easier to read and type).
    pub secret_grouped: String,
}

/// Starts (or restarts) an enrolment: a fresh 160-bit secret stored sealed
/// as pending (replacing any pending one; a confirmed authenticator stays
/// in force until the new one is confirmed). `issuer_label` names the
/// provider in the authenticator app.
pub async fn begin_enrolment(
    repos: &Repos,
    clock: &dyn Clock,
    master: &MasterKey,
    user: &User,
    issuer_label: &str,
) -> Result<Enrolment, SecondFactorError> {
    let mut secret = [0u8; SECRET_BYTES];
    rand::rng().fill(&mut secret[..]);
    let sealed = master.seal_second_factor(&user.userid, &secret)?;
    repos
        .second_factors
        .put_pending_totp(&user.userid, &sealed, clock.now())
        .await?;
    enrolment(&secret, user, issuer_label)
}

/// The pending enrolment again (a page reload), without a new secret;
/// `None` when none is pending.
pub async fn pending_enrolment(
    repos: &Repos,
    master: &MasterKey,
    user: &User,
    issuer_label: &str,
) -> Result<Option<Enrolment>, SecondFactorError> {
    let Some(sealed) = repos
        .second_factors
        .totp(&user.userid)
        .await?
        .and_then(|r| r.pending)
    else {
        return Ok(None);
    };
    let secret = master.open_second_factor(&user.userid, &sealed)?;
    enrolment(&secret, user, issuer_label).map(Some)
}

/// Confirms the pending enrolment with a code from it (same window, and
/// the step is recorded as used): the authenticator is then in force, and
/// ten new backup codes replace any old ones and are returned (to be shown
/// once). `Ok(None)`: a wrong code or nothing pending (the pending secret
/// stays).
pub async fn confirm_enrolment(
    repos: &Repos,
    clock: &dyn Clock,
    master: &MasterKey,
    userid: &str,
    code: &str,
) -> Result<Option<Vec<String>>, SecondFactorError> {
    if code.len() > MAX_INPUT {
        return Ok(None);
    }
    let code = normalize(code);
    if !is_totp_code(&code) {
        return Ok(None);
    }
    let Some(sealed) = repos
        .second_factors
        .totp(userid)
        .await?
        .and_then(|r| r.pending)
    else {
        return Ok(None);
    };
    let secret = master.open_second_factor(userid, &sealed)?;
    let now = clock.now();
    let Some(step) = matching_step(&secret, &code, now, None)? else {
        return Ok(None);
    };
    let codes = new_backup_codes();
    let hashes: Vec<String> = codes.iter().map(|c| backup_code_hash(userid, c)).collect();
    if repos
        .second_factors
        .confirm_totp(userid, &sealed, step, &hashes, now)
        .await?
    {
        Ok(Some(codes))
    } else {
        Ok(None)
    }
}

/// Ten new backup codes for `userid` (to be shown once); the old ones stop
/// working.
pub async fn regenerate_backup_codes(
    repos: &Repos,
    clock: &dyn Clock,
    userid: &str,
) -> DbResult<Vec<String>> {
    let codes = new_backup_codes();
    let hashes: Vec<String> = codes.iter().map(|c| backup_code_hash(userid, c)).collect();
    repos
        .second_factors
        .replace_backup_codes(userid, &hashes, clock.now())
        .await?;
    Ok(codes)
}

/// Removes the authenticator (confirmed and pending) and every backup
/// code; true when there was anything.
pub async fn reset(repos: &Repos, userid: &str) -> DbResult<bool> {
    repos.second_factors.reset(userid).await
}

/// The input without spaces and dashes, in lowercase.
fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `code` (normalised) has the shape of a TOTP code.
fn is_totp_code(code: &str) -> bool {
    code.len() == usize::from(DIGITS) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The TOTP generator for `secret` (no issuer or account: checking only).
fn generator(secret: &[u8]) -> Result<Totp, DbError> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(0)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret.to_vec())
        .build()
        .map_err(|e| DbError::Corrupt(format!("TOTP secret: {e}")))
}

/// The step (within one of the step of `now`) whose code is `code`, if it
/// is later than `last_step`; the earliest such step. Codes are compared
/// in constant time by `totp-rs`.
fn matching_step(
    secret: &[u8],
    code: &str,
    now: i64,
    last_step: Option<i64>,
) -> Result<Option<i64>, DbError> {
    let totp = generator(secret)?;
    let origin = u64::try_from(now).unwrap_or(0) / STEP_SECONDS;
    for step in origin.saturating_sub(1)..=origin.saturating_add(1) {
        let Ok(signed) = i64::try_from(step) else {
            continue;
        };
        if last_step.is_some_and(|last| signed <= last) {
            continue;
        }
        if totp.check(code, step * STEP_SECONDS).is_some() {
            return Ok(Some(signed));
        }
    }
    Ok(None)
}

/// What the page shows for `secret`.
fn enrolment(
    secret: &[u8],
    user: &User,
    issuer_label: &str,
) -> Result<Enrolment, SecondFactorError> {
    // The otpauth label is `issuer:account`; neither may contain a colon.
    let issuer = issuer_label.replace(':', " ");
    let account = user.username.as_str().replace(':', " ");
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret.to_vec())
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .map_err(|e| DbError::Corrupt(format!("TOTP secret: {e}")))?;
    let otpauth_uri = totp
        .to_url()
        .map_err(|e| DbError::Corrupt(format!("TOTP secret: {e}")))?;
    let secret_base32 = totp.secret().to_base32();
    let secret_grouped = secret_base32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Enrolment {
        qr_svg: qr_svg(&otpauth_uri)?,
        secret_base32,
        otpauth_uri,
        secret_grouped,
    })
}

/// `text` as a QR code: an inline `<svg>` element with an accessible label.
fn qr_svg(text: &str) -> Result<String, DbError> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| DbError::Corrupt(format!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000"))
        .light_color(qrcode::render::svg::Color("#fff"))
        .build();
    // Inline in HTML: no XML prologue; an image with a name for screen readers.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR code for your authenticator app\" class=\"qr\" ",
        1,
    ))
}

/// Ten fresh backup codes, `xxxxx-xxxxx`.
fn new_backup_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..BACKUP_CODES)
        .map(|_| {
            let chars: String = (0..BACKUP_LEN)
                .map(|_| char::from(BACKUP_ALPHABET[rng.random_range(0..BACKUP_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &chars[..BACKUP_LEN / 2], &chars[BACKUP_LEN / 2..])
        })
        .collect()
}

/// What is stored of a backup code: the SHA-256 of the normalised code,
/// bound to the userid (the same code of two users has two hashes).
fn backup_code_hash(userid: &str, code: &str) -> String {
    hash_secret(&format!("{userid}:{}", normalize(code)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    /// RFC 6238 Appendix B's SHA-1 seed.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    /// The code of `secret` for the step that holds `time`.
    fn code_at(secret: &[u8], time: i64) -> String {
        generator(secret)
            .unwrap()
            .generate(u64::try_from(time).unwrap())
            .to_string()
    }

    #[test]
    fn rfc_6238_test_vectors() {
        // Appendix B gives eight digits; six-digit codes are their last six.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, time), eight[2..], "time {time}");
            assert_eq!(
                matching_step(RFC_SECRET, &eight[2..], time, None).unwrap(),
                Some(time / 30)
            );
        }
    }

    #[test]
    fn codes_are_taken_one_step_either_side_and_not_further() {
        let now = 1_700_000_015; // inside a step
        let step = now / 30;
        for offset in [-1_i64, 0, 1] {
            let code = code_at(RFC_SECRET, now + offset * 30);
            assert_eq!(
                matching_step(RFC_SECRET, &code, now, None).unwrap(),
                Some(step + offset),
                "offset {offset}"
            );
        }
        for offset in [-3_i64, -2, 2, 3] {
            let code = code_at(RFC_SECRET, now + offset * 30);
            assert_eq!(
                matching_step(RFC_SECRET, &code, now, None).unwrap(),
                None,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn a_step_at_or_before_the_last_accepted_one_is_refused() {
        let now = 1_700_000_015;
        let step = now / 30;
        let code = code_at(RFC_SECRET, now);
        assert_eq!(
            matching_step(RFC_SECRET, &code, now, Some(step)).unwrap(),
            None
        );
        assert_eq!(
            matching_step(RFC_SECRET, &code, now, Some(step - 1)).unwrap(),
            Some(step)
        );
        // The previous step's code after the current one was used: refused.
        let earlier = code_at(RFC_SECRET, now - 30);
        assert_eq!(
            matching_step(RFC_SECRET, &earlier, now, Some(step)).unwrap(),
            None
        );
    }

    #[test]
    fn input_is_normalised_and_backup_codes_are_easy_to_type() {
        assert_eq!(normalize(" 123 456 "), "123456");
        assert_eq!(normalize("ABCDE-fghjk"), "abcdefghjk");
        assert!(is_totp_code("123456"));
        assert!(!is_totp_code("12345"));
        assert!(!is_totp_code("12345a"));
        let codes = new_backup_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert_eq!(&code[5..6], "-");
            assert!(
                code.replace('-', "")
                    .bytes()
                    .all(|b| BACKUP_ALPHABET.contains(&b))
            );
        }
        assert_eq!(
            backup_code_hash("u", "ABCDE fghjk"),
            backup_code_hash("u", "abcde-fghjk")
        );
        assert_ne!(
            backup_code_hash("u", "abcde-fghjk"),
            backup_code_hash("v", "abcde-fghjk")
        );
    }

    #[test]
    fn the_qr_code_is_an_inline_svg_with_a_label() {
        let svg = qr_svg("otpauth://totp/Latchkey:alice?secret=ABC&issuer=Latchkey").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label="));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }

    /// A fresh SQLite database with one user.
    async fn fixture() -> (tempfile::TempDir, Repos, User) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let repos = crate::db::connect(&url).await.unwrap();
        let user = repos
            .users
            .create(
                crate::db::NewUser {
                    username: "alice".into(),
                    ..crate::db::NewUser::default()
                },
                1_700_000_000,
            )
            .await
            .unwrap();
        (dir, repos, user)
    }

    #[tokio::test]
    async fn enrolment_codes_once_and_backup_codes_once() {
        let (_dir, repos, user) = fixture().await;
        let (master, _) = MasterKey::generate();
        let clock = ManualClock::default();
        let id = user.userid.as_str();
        assert_eq!(
            status(&repos, id).await.unwrap(),
            Status {
                totp: false,
                backup_codes_left: 0
            }
        );
        let enrolment = begin_enrolment(&repos, &clock, &master, &user, "Latchkey")
            .await
            .unwrap();
        assert!(enrolment.otpauth_uri.starts_with("otpauth://totp/"));
        let again = pending_enrolment(&repos, &master, &user, "Latchkey")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.secret_base32, enrolment.secret_base32);
        let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
            .unwrap()
            .as_bytes()
            .to_vec();
        // Nothing confirmed yet: a right code does not sign in.
        let code = code_at(&secret, clock.now());
        assert_eq!(
            check_code(&repos, &clock, &master, id, &code)
                .await
                .unwrap(),
            CodeCheck::Refused
        );
        // A wrong code (none of the three in the window) confirms nothing.
        let window: Vec<String> = [-30, 0, 30]
            .iter()
            .map(|d| code_at(&secret, clock.now() + d))
            .collect();
        let wrong = ["000000", "111111", "222222", "333333"]
            .into_iter()
            .find(|c| !window.iter().any(|w| w == c))
            .unwrap();
        assert!(
            confirm_enrolment(&repos, &clock, &master, id, wrong)
                .await
                .unwrap()
                .is_none()
        );
        let backup = confirm_enrolment(&repos, &clock, &master, id, &code)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(backup.len(), 10);
        assert_eq!(
            status(&repos, id).await.unwrap(),
            Status {
                totp: true,
                backup_codes_left: 10
            }
        );
        // The code that confirmed is spent.
        assert_eq!(
            check_code(&repos, &clock, &master, id, &code)
                .await
                .unwrap(),
            CodeCheck::Refused
        );
        // The next step's code works once.
        clock.advance(30);
        let next = code_at(&secret, clock.now());
        assert_eq!(
            check_code(&repos, &clock, &master, id, &next)
                .await
                .unwrap(),
            CodeCheck::Totp
        );
        assert_eq!(
            check_code(&repos, &clock, &master, id, &next)
                .await
                .unwrap(),
            CodeCheck::Refused
        );
        // A backup code once, typed loosely.
        let typed = backup[3].to_uppercase().replace('-', " ");
        assert_eq!(
            check_code(&repos, &clock, &master, id, &typed)
                .await
                .unwrap(),
            CodeCheck::BackupCode { left: 9 }
        );
        assert_eq!(
            check_code(&repos, &clock, &master, id, &backup[3])
                .await
                .unwrap(),
            CodeCheck::Refused
        );
        // Regenerating replaces them all.
        let fresh = regenerate_backup_codes(&repos, &clock, id).await.unwrap();
        assert_eq!(
            check_code(&repos, &clock, &master, id, &backup[4])
                .await
                .unwrap(),
            CodeCheck::Refused
        );
        assert_eq!(
            check_code(&repos, &clock, &master, id, &fresh[0])
                .await
                .unwrap(),
            CodeCheck::BackupCode { left: 9 }
        );
        // Reset removes everything.
        assert!(reset(&repos, id).await.unwrap());
        assert!(!reset(&repos, id).await.unwrap());
        assert_eq!(
            status(&repos, id).await.unwrap(),
            Status {
                totp: false,
                backup_codes_left: 0
            }
        );
    }
}
