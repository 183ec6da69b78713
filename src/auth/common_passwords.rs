//! The most common breached passwords (ASVS 2.1.7), refused as new
//! passwords. The list (over 100,000 entries, NFKC-normalized, sorted, one
//! per line) ships inside the binary zlib-compressed
//! (`common_passwords/list.txt.zlib`; its sources and licences are in
//! `common_passwords/README.md`) and is inflated once, on first use, into a
//! sorted vector of about 1 MB.

use std::sync::LazyLock;

static COMPRESSED: &[u8] = include_bytes!("common_passwords/list.txt.zlib");

/// The list, sorted (empty if the embedded data were damaged, which the
/// unit test below rules out for every build).
static LIST: LazyLock<Vec<Box<str>>> = LazyLock::new(|| {
    let Ok(bytes) = miniz_oxide::inflate::decompress_to_vec_zlib(COMPRESSED) else {
        tracing::error!("the embedded list of common passwords could not be read");
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut list: Vec<Box<str>> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(Into::into)
        .collect();
    list.sort_unstable();
    list.dedup();
    list
});

/// Inflates the list now (at startup) rather than on the first new password.
pub fn load() {
    LazyLock::force(&LIST);
}

/// How many passwords the list holds.
#[must_use]
pub fn len() -> usize {
    LIST.len()
}

/// Whether `password` (already normalized), or its lower-case form, is on
/// the list.
#[must_use]
pub fn contains(password: &str) -> bool {
    let found = |p: &str| LIST.binary_search_by(|e| e.as_ref().cmp(p)).is_ok();
    found(password) || found(&password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_is_large_and_finds_common_passwords() {
        assert!(len() >= 100_000, "{}", len());
        for common in ["123456", "password", "Password1", "qwertyuiop", "iloveyou"] {
            assert!(contains(common), "{common}");
        }
        assert!(!contains("violet umbrella tractor"));
    }
}
