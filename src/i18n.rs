//! Languages: the message catalogues of pages and e-mails, the language of a
//! request, and translation.
//!
//! Each language has one [Fluent](https://projectfluent.org) catalogue,
//! `locales/<tag>/latchkey.ftl`, embedded in the binary. English is the
//! reference: every other catalogue has exactly its messages (a unit test
//! checks it). Templates call `t("message-id", name=value)`
//! ([`crate::templates`]); Rust code calls [`t`] or [`t_args`].
//!
//! The language of a request is chosen once, by [`negotiate`]: the first
//! supported tag of OIDC `ui_locales`, else the best of `Accept-Language`,
//! else the configured default (`LATCHKEY_DEFAULT_LOCALE`). The web layer
//! runs each request inside [`scope`], and pages of an authorization request
//! in flight call [`follow_ui_locales`] with the `ui_locales` the request
//! was stored with, so sign-in, the second step and consent keep the
//! language the relying party asked for. Outside a request (the CLI, tests)
//! the language is English.

use std::cell::Cell;
use std::future::Future;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language Latchkey ships a catalogue for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English, the reference catalogue and the default.
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Arabic (written right to left).
    Ar,
}

impl Locale {
    /// Every shipped language, English first.
    pub const ALL: [Self; 5] = [Self::En, Self::De, Self::Fr, Self::Es, Self::Ar];

    /// The BCP 47 tag (`lang` attribute, `ui_locales_supported`).
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::Ar => "ar",
        }
    }

    /// The writing direction, as the HTML `dir` attribute takes it.
    #[must_use]
    pub const fn dir(self) -> &'static str {
        match self {
            Self::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language of one BCP 47 tag: the tag itself or its primary
    /// language subtag (`de-CH` is German), case-insensitively.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// Exactly one of the shipped tags (`LATCHKEY_DEFAULT_LOCALE`).
    #[must_use]
    pub fn parse(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    fn catalogue(self) -> &'static str {
        match self {
            Self::En => include_str!("../locales/en/latchkey.ftl"),
            Self::De => include_str!("../locales/de/latchkey.ftl"),
            Self::Fr => include_str!("../locales/fr/latchkey.ftl"),
            Self::Es => include_str!("../locales/es/latchkey.ftl"),
            Self::Ar => include_str!("../locales/ar/latchkey.ftl"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The tags of every shipped language (discovery's `ui_locales_supported`).
#[must_use]
pub fn supported_tags() -> Vec<&'static str> {
    Locale::ALL.iter().map(|l| l.tag()).collect()
}

/// The first shipped language among OIDC `ui_locales` (space-separated
/// tags in order of preference).
#[must_use]
pub fn from_ui_locales(ui_locales: &str) -> Option<Locale> {
    ui_locales
        .split_ascii_whitespace()
        .find_map(Locale::from_tag)
}

/// The shipped language the browser prefers most (`Accept-Language`, with
/// q-values; `q=0` means "not this one", `*` is skipped).
#[must_use]
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut ranges: Vec<(u16, usize, &str)> = header
        .split(',')
        .take(32)
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    k.trim()
                        .eq_ignore_ascii_case("q")
                        .then(|| quality(v.trim()))
                })
                .unwrap_or(Some(1000))?;
            (q > 0 && !tag.is_empty() && tag != "*").then_some((q, i, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .into_iter()
        .find_map(|(_, _, tag)| Locale::from_tag(tag))
}

/// A q-value in thousandths; `None` when it is not one.
fn quality(v: &str) -> Option<u16> {
    let q: f32 = v.parse().ok()?;
    // Bounded to 0..=1 first, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (0.0..=1.0)
        .contains(&q)
        .then(|| (q * 1000.0).round() as u16)
}

/// The language of a request: `ui_locales`, then `Accept-Language`, then
/// `default`.
#[must_use]
pub fn negotiate(
    ui_locales: Option<&str>,
    accept_language: Option<&str>,
    default: Locale,
) -> Locale {
    ui_locales
        .and_then(from_ui_locales)
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(default)
}

/// What [`scope`] keeps for one request.
struct RequestLocale {
    accept_language: Option<Box<str>>,
    default: Locale,
    chosen: Cell<Locale>,
}

tokio::task_local! {
    static REQUEST: RequestLocale;
}

/// Runs `f` (one request) in the language chosen from `Accept-Language`
/// and `default`; [`current`] answers it inside.
pub async fn scope<F: Future>(accept_language: Option<&str>, default: Locale, f: F) -> F::Output {
    let chosen = negotiate(None, accept_language, default);
    let request = RequestLocale {
        accept_language: accept_language.map(Into::into),
        default,
        chosen: Cell::new(chosen),
    };
    REQUEST.scope(request, f).await
}

/// `f`, run in the current request's language: for work a request hands
/// to a task of its own (mail sent off the response path).
pub fn carry<F: Future>(f: F) -> impl Future<Output = F::Output> {
    let (accept_language, default) = REQUEST
        .try_with(|r| (r.accept_language.clone(), r.default))
        .unwrap_or_default();
    let request = RequestLocale {
        accept_language,
        default,
        chosen: Cell::new(current()),
    };
    REQUEST.scope(request, f)
}

/// `f`, run in `locale` (a mail to someone whose `locale` claim names a
/// shipped language).
pub fn speaking<F: Future>(locale: Locale, f: F) -> impl Future<Output = F::Output> {
    let request = RequestLocale {
        accept_language: None,
        default: locale,
        chosen: Cell::new(locale),
    };
    REQUEST.scope(request, f)
}

/// The language of the request being handled (English outside one).
#[must_use]
pub fn current() -> Locale {
    REQUEST.try_with(|r| r.chosen.get()).unwrap_or_default()
}

/// The request being handled belongs to an authorization request that
/// asked for `ui_locales`: its first shipped language wins over
/// `Accept-Language` (an unknown or absent one changes nothing).
pub fn follow_ui_locales(ui_locales: Option<&str>) {
    let _ = REQUEST.try_with(|r| {
        r.chosen.set(negotiate(
            ui_locales,
            r.accept_language.as_deref(),
            r.default,
        ));
    });
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<Bundle>> =
    LazyLock::new(|| Locale::ALL.into_iter().map(bundle).collect());

fn bundle(locale: Locale) -> Bundle {
    let resource = FluentResource::try_new(locale.catalogue().to_owned()).unwrap_or_else(
        |(resource, errors)| {
            tracing::error!(
                locale = locale.tag(),
                ?errors,
                "message catalogue has errors"
            );
            resource
        },
    );
    let id = locale
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages escape what they show; the Unicode isolation marks Fluent puts
    // around arguments would end up in the visible (and tested) text.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            locale = locale.tag(),
            ?errors,
            "message catalogue has duplicates"
        );
    }
    bundle
}

/// A value for a message argument.
pub type Arg<'a> = FluentValue<'a>;

/// The message `id` in `locale`, with `args`; falls back to English, and to
/// the id itself when even English lacks it (logged).
#[must_use]
pub fn message(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        a
    });
    for locale in [locale, Locale::En] {
        let Some(bundle) = BUNDLES.get(locale.index()) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                locale = locale.tag(),
                id,
                ?errors,
                "message formatted with errors"
            );
        }
        return text.into_owned();
    }
    tracing::warn!(id, "no such message");
    id.to_owned()
}

/// The message `id` in the request's language.
#[must_use]
pub fn t(id: &str) -> String {
    message(current(), id, &[])
}

/// The message `id` with `args` in the request's language.
#[must_use]
pub fn t_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    message(current(), id, args)
}

/// English messages without arguments, by their text.
static BY_ENGLISH: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    message_ids(Locale::En)
        .into_iter()
        .filter_map(|id| {
            let bundle = BUNDLES.get(Locale::En.index())?;
            let pattern = bundle.get_message(&id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            errors.is_empty().then(|| (text.into_owned(), id))
        })
        .collect()
});

/// A fixed English text from a layer that speaks English (the protocol
/// core's page errors, which `/par` also sends as `error_description`; the
/// management layer's refusals, which the API and CLI show), in the
/// request's language when the English catalogue has it word for word;
/// otherwise unchanged.
#[must_use]
pub fn localize(english: &str) -> String {
    localize_in(current(), english)
}

/// [`localize`] into `locale`.
#[must_use]
pub fn localize_in(locale: Locale, english: &str) -> String {
    match BY_ENGLISH.get(english) {
        Some(id) => message(locale, id, &[]),
        None => english.to_owned(),
    }
}

/// The message ids of `locale`'s catalogue, in file order.
#[must_use]
pub fn message_ids(locale: Locale) -> Vec<String> {
    let resource =
        FluentResource::try_new(locale.catalogue().to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_locales_take_the_first_shipped_tag() {
        assert_eq!(from_ui_locales("tlh de-CH fr"), Some(Locale::De));
        assert_eq!(from_ui_locales("AR"), Some(Locale::Ar));
        assert_eq!(from_ui_locales("tlh x-klingon"), None);
        assert_eq!(from_ui_locales(""), None);
    }

    #[test]
    fn accept_language_follows_q_values() {
        assert_eq!(
            from_accept_language("fr;q=0.5, es-MX;q=0.9, tlh"),
            Some(Locale::Es)
        );
        assert_eq!(
            from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Some(Locale::De)
        );
        assert_eq!(from_accept_language("de;q=0, fr;q=0.1"), Some(Locale::Fr));
        assert_eq!(from_accept_language("*, tlh"), None);
        assert_eq!(from_accept_language("de;q=2, es;q=abc"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn ui_locales_beat_accept_language_which_beats_the_default() {
        assert_eq!(negotiate(Some("fr"), Some("de"), Locale::Es), Locale::Fr);
        assert_eq!(negotiate(Some("tlh"), Some("de"), Locale::Es), Locale::De);
        assert_eq!(negotiate(None, Some("tlh"), Locale::Es), Locale::Es);
        assert_eq!(negotiate(None, None, Locale::Ar), Locale::Ar);
    }

    #[test]
    fn the_default_is_one_of_the_shipped_tags() {
        assert_eq!(Locale::parse("DE"), Some(Locale::De));
        assert_eq!(Locale::parse("de-CH"), None);
        assert_eq!(Locale::parse("tlh"), None);
    }

    #[test]
    fn every_catalogue_parses_and_has_exactly_the_english_messages() {
        let english = message_ids(Locale::En);
        assert!(english.len() > 10, "{english:?}");
        for locale in Locale::ALL {
            let parsed = FluentResource::try_new(locale.catalogue().to_owned());
            assert!(
                parsed.is_ok(),
                "{}: {:?}",
                locale.tag(),
                parsed.err().map(|e| e.1)
            );
            let mut ids = message_ids(locale);
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), ids.len(), "{}: duplicate ids", locale.tag());
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
            ids.retain(|id| !english.contains(id));
            assert!(
                ids.is_empty(),
                "{} has stale messages {ids:?}",
                locale.tag()
            );
        }
    }

    #[test]
    fn every_message_formats_in_every_language() {
        for locale in Locale::ALL {
            let bundle = &BUNDLES[locale.index()];
            for id in message_ids(locale) {
                let message = bundle.get_message(&id);
                assert!(
                    message.and_then(|m| m.value()).is_some(),
                    "{}: {id} has no value",
                    locale.tag()
                );
            }
        }
    }

    #[test]
    fn english_texts_of_other_layers_are_localized_word_for_word() {
        let english = "The application that sent you here is not registered.";
        assert_eq!(localize(english), english);
        assert_eq!(localize("Not in any catalogue."), "Not in any catalogue.");
        let german = block_on(scope(Some("de"), Locale::En, async { localize(english) }));
        assert_eq!(
            german,
            "Die Anwendung, die Sie hierher geschickt hat, ist nicht registriert."
        );
    }

    #[test]
    fn password_rules_are_in_the_catalogues() {
        use crate::auth::password::PolicyError;
        for e in [
            PolicyError::Common,
            PolicyError::TooShort,
            PolicyError::TooLong,
            PolicyError::IsUsername,
        ] {
            assert!(BY_ENGLISH.contains_key(&e.to_string()), "{e}");
        }
    }

    /// Runs a future that never waits.
    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_the_id() {
        assert_eq!(
            message(Locale::De, "no-such-message", &[]),
            "no-such-message"
        );
        assert_eq!(t("login-sign-in"), "Sign in");
    }
}
