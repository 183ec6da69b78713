//! A browser's `User-Agent` header as a person reads it: "Firefox on Linux",
//! "Safari on iOS", parsed with the `woothee` crate. The raw string stays
//! available to show on request (the pages put it in a `title`).

/// A short description of the browser and system `user_agent` names, such
/// as "Firefox on Linux"; "Unknown browser" (with the system when that is
/// known) when it names no browser Latchkey recognises.
#[must_use]
pub fn describe(user_agent: &str) -> String {
    let parsed = woothee::parser::Parser::new().parse(user_agent);
    let (browser, os) = parsed.map_or((None, None), |r| (known(r.name), known(r.os).map(os_name)));
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} on {o}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(o)) => format!("Unknown browser on {o}"),
        (None, None) => "Unknown browser".to_owned(),
    }
}

/// Whether `user_agent` names no browser Latchkey recognises (nor a system):
/// [`describe`] then says just "Unknown browser", which a page may translate.
#[must_use]
pub fn is_unknown(user_agent: &str) -> bool {
    describe(user_agent) == "Unknown browser"
}

/// `None` for woothee's "UNKNOWN", its catch-all "misc crawler" and empty
/// names.
fn known(name: &str) -> Option<&str> {
    let unknown =
        name.is_empty() || name == woothee::woothee::VALUE_UNKNOWN || name == "misc crawler";
    (!unknown).then_some(name)
}

/// System names as people know them today.
fn os_name(name: &str) -> &str {
    match name {
        "Mac OSX" | "Mac OS" => "macOS",
        "iPhone" | "iPod" => "iOS",
        "iPad" => "iPadOS",
        n if n.starts_with("Windows") => "Windows",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn common_browsers_read_as_browser_on_system() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox on Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome on Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                "Safari on macOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari on iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                "Chrome on Android",
            ),
            (
                "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
                "Firefox on Android",
            ),
        ];
        for (ua, expected) in cases {
            assert_eq!(describe(ua), expected, "{ua}");
        }
    }

    #[test]
    fn anything_else_is_an_unknown_browser() {
        assert_eq!(describe(""), "Unknown browser");
        assert_eq!(describe("test"), "Unknown browser");
        assert_eq!(
            describe("SomeRobot (+https://example.com/bot)"),
            "Unknown browser"
        );
        assert_eq!(describe("\u{0}\u{202e}garbage/1.0 (((("), "Unknown browser");
    }
}
