//! Branding: the instance's name, logo, accent colour and support contact
//! (configuration, docs/configuration.md), and the image checks that the
//! instance logo and clients' logos (docs/administration.md) both pass.
//!
//! Images are recognised by their content, never by a name or a declared
//! type: PNG, JPEG and WebP by their magic bytes, SVG by parsing it as XML
//! and taking it only when every element, attribute and CSS function in it
//! is on an allow-list of plain drawing (`branding::svg`): no scripts, event
//! handlers, HTML, embedded documents, animations or references to
//! anything outside the image.
//! Latchkey serves them itself (`http::branding`), with a policy that lets
//! no image run a script even when opened on its own.

mod svg;

use std::sync::Arc;

/// Largest instance logo (`LATCHKEY_LOGO`) accepted.
pub const INSTANCE_LOGO_MAX: usize = 256 * 1024;

/// Largest client logo accepted (it travels in a form or a JSON body, both
/// under the request body limit).
pub const CLIENT_LOGO_MAX: usize = 32 * 1024;

/// The default instance name.
pub const DEFAULT_NAME: &str = "Latchkey";

/// The kinds of image accepted as logos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Svg,
}

impl ImageKind {
    /// The `Content-Type` it is served with.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    /// Reads a content type as stored (the inverse of [`Self::content_type`]).
    #[must_use]
    pub fn from_content_type(s: &str) -> Option<Self> {
        [Self::Png, Self::Jpeg, Self::Webp, Self::Svg]
            .into_iter()
            .find(|k| k.content_type() == s)
    }
}

/// An image that passed [`check_image`].
#[derive(Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Arc<[u8]>,
    /// The first 16 hex digits of the SHA-256 of the bytes: put in the
    /// image's URL, so a changed image gets a new URL and an unchanged one
    /// may be cached for a year.
    pub hash: String,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("kind", &self.kind)
            .field("len", &self.bytes.len())
            .field("hash", &self.hash)
            .finish()
    }
}

/// Why an image was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("the file is empty")]
    Empty,
    #[error("the image is {size} bytes, more than the {max} allowed")]
    TooBig { size: usize, max: usize },
    #[error("it is not a PNG, JPEG, WebP or SVG image")]
    UnknownType,
    #[error("the SVG image is refused: {0}")]
    UnsafeSvg(String),
}

/// The short content hash used in image URLs.
#[must_use]
pub fn content_hash(bytes: &[u8]) -> String {
    crate::crypto::sha256(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks `bytes` as a logo of at most `max` bytes and recognises its kind.
pub fn check_image(bytes: &[u8], max: usize) -> Result<Image, ImageError> {
    if bytes.is_empty() {
        return Err(ImageError::Empty);
    }
    if bytes.len() > max {
        return Err(ImageError::TooBig {
            size: bytes.len(),
            max,
        });
    }
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageKind::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageKind::Jpeg
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ImageKind::Webp
    } else {
        let text = std::str::from_utf8(bytes).map_err(|_| ImageError::UnknownType)?;
        svg::check(text)?;
        ImageKind::Svg
    };
    Ok(Image {
        kind,
        bytes: Arc::from(bytes),
        hash: content_hash(bytes),
    })
}

/// An accent colour, `#rrggbb` (lowercase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accent(String);

impl Accent {
    /// Reads `#rrggbb` (either case).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(format!("#{}", hex.to_ascii_lowercase())))
    }

    /// The colour as `#rrggbb`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Black or white, whichever reads better on the accent (WCAG relative
    /// luminance).
    #[must_use]
    pub fn foreground(&self) -> &'static str {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        if l > 0.179 { "#000000" } else { "#ffffff" }
    }

    /// The stylesheet that applies it, in light and dark mode alike.
    #[must_use]
    pub fn stylesheet(&self) -> String {
        format!(
            ":root {{ --accent: {}; --accent-fg: {}; }}\n",
            self.0,
            self.foreground()
        )
    }
}

/// Where people get help: an e-mail address or an https page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    Email(String),
    Url(String),
}

impl Support {
    /// Reads an e-mail address (`help@example.com`, also as
    /// `mailto:help@example.com`) or an absolute `https` URL.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() > 500 || s.chars().any(char::is_control) {
            return None;
        }
        if s.starts_with("https://") {
            let url = url::Url::parse(s).ok()?;
            return (url.host_str().is_some()
                && url.username().is_empty()
                && url.password().is_none())
            .then(|| Self::Url(url.to_string()));
        }
        let address = s.strip_prefix("mailto:").unwrap_or(s);
        let ok = address.parse::<lettre::Address>().is_ok()
            && !address.contains(['?', '<', '>', '"', ' ', '&']);
        ok.then(|| Self::Email(address.to_owned()))
    }

    /// The link target (`mailto:` or the URL).
    #[must_use]
    pub fn href(&self) -> String {
        match self {
            Self::Email(a) => format!("mailto:{a}"),
            Self::Url(u) => u.clone(),
        }
    }

    /// As shown to people.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Email(a) | Self::Url(a) => a,
        }
    }
}

/// The instance's branding, from configuration.
#[derive(Debug, Clone)]
pub struct Branding {
    /// Shown in page titles, the header and footer, e-mails, and as the
    /// WebAuthn relying-party name.
    pub name: String,
    pub logo: Option<Image>,
    pub accent: Option<Accent>,
    pub support: Option<Support>,
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            name: DEFAULT_NAME.to_owned(),
            logo: None,
            accent: None,
            support: None,
        }
    }
}

/// Checks an instance name: 1 to 64 characters, no control characters.
#[must_use]
pub fn instance_name(s: &str) -> Option<String> {
    let s = s.trim();
    let n = s.chars().count();
    ((1..=64).contains(&n) && !s.chars().any(char::is_control)).then(|| s.to_owned())
}

impl Branding {
    /// The accent stylesheet's content hash, when there is an accent.
    #[must_use]
    pub fn stylesheet_hash(&self) -> Option<String> {
        self.accent
            .as_ref()
            .map(|a| content_hash(a.stylesheet().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(check_image(png, 100).unwrap().kind, ImageKind::Png);
        assert_eq!(
            check_image(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], 100)
                .unwrap()
                .kind,
            ImageKind::Jpeg
        );
        assert_eq!(
            check_image(b"RIFF\x10\0\0\0WEBPVP8 ", 100).unwrap().kind,
            ImageKind::Webp
        );
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><circle id="c" r="4"/></defs><use xlink:href="#c"/><style>.a{fill:url(#g)}</style></svg>"##;
        assert_eq!(check_image(svg, 1000).unwrap().kind, ImageKind::Svg);
        assert_eq!(
            check_image(b"GIF89a", 100).unwrap_err(),
            ImageError::UnknownType
        );
        assert_eq!(
            check_image(b"<html></html>", 100).unwrap_err(),
            ImageError::UnknownType
        );
        assert_eq!(check_image(b"", 100).unwrap_err(), ImageError::Empty);
        assert!(matches!(
            check_image(png, 4),
            Err(ImageError::TooBig { size: 16, max: 4 })
        ));
    }

    #[test]
    fn hostile_svg_is_refused() {
        for bad in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:x"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url('https://x.example/p')"/></svg>"#,
            r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#,
            r#"<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>"#,
        ] {
            assert!(check_image(bad.as_bytes(), 10_000).is_err(), "{bad}");
        }
    }

    #[test]
    fn accent_support_and_name() {
        assert_eq!(Accent::parse("#1A2b3C").unwrap().as_str(), "#1a2b3c");
        for bad in [
            "1a2b3c",
            "#1a2b3",
            "#1a2b3cd",
            "#gggggg",
            "red",
            "#1a2b3c;}",
        ] {
            assert!(Accent::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(Accent::parse("#ffff00").unwrap().foreground(), "#000000");
        assert_eq!(Accent::parse("#1a237e").unwrap().foreground(), "#ffffff");
        assert_eq!(
            Support::parse("help@example.com").unwrap().href(),
            "mailto:help@example.com"
        );
        assert_eq!(
            Support::parse("https://help.example.com").unwrap(),
            Support::Url("https://help.example.com/".into())
        );
        for bad in [
            "http://help.example.com",
            "javascript:alert(1)",
            "not an address",
            "a@b.c?x=1",
        ] {
            assert!(Support::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(instance_name("  Acme ID ").as_deref(), Some("Acme ID"));
        assert!(instance_name("").is_none());
        assert!(instance_name(&"x".repeat(65)).is_none());
        assert!(instance_name("a\nb").is_none());
    }
}
