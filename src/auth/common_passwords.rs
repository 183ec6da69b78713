//! The most common breached passwords (ASVS 2.1.7), refused as new
//! passwords. The list (over 100,000 entries, NFKC-normalized, sorted, one
//! per line) ships inside the binary zlib-compressed
//! (`common_passwords/list.txt.zlib`; its sources and licences are in
//! `common_passwords/README.md`) and is inflated once, on first use, into
//! one sorted text and the offset of each entry: about 1.3 MB. (A vector of
//! boxed strings took 5-6 MB: a pointer, a length and a heap block of at
//! least 32 bytes per entry.)

use std::sync::LazyLock;

static COMPRESSED: &[u8] = include_bytes!("common_passwords/list.txt.zlib");

/// The entries, sorted and deduplicated, one after another in `text`;
/// entry `i` is `text[starts[i]..starts[i + 1]]` (the last ends the text).
struct List {
    text: Box<str>,
    starts: Box<[u32]>,
}

impl List {
    fn len(&self) -> usize {
        self.starts.len()
    }

    fn get(&self, i: usize) -> &str {
        let at = |i: usize| self.starts.get(i).map_or(self.text.len(), |&s| s as usize);
        self.text.get(at(i)..at(i + 1)).unwrap_or_default()
    }

    fn contains(&self, password: &str) -> bool {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.get(mid).cmp(password) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The list (empty if the embedded data were damaged, which the unit test
/// below rules out for every build).
static LIST: LazyLock<List> = LazyLock::new(|| {
    let empty = || List {
        text: Box::default(),
        starts: Box::default(),
    };
    let Ok(bytes) = miniz_oxide::inflate::decompress_to_vec_zlib(COMPRESSED) else {
        tracing::error!("the embedded list of common passwords could not be read");
        return empty();
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut entries: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    entries.sort_unstable();
    entries.dedup();
    let mut joined = String::with_capacity(entries.iter().map(|e| e.len()).sum());
    let mut starts = Vec::with_capacity(entries.len());
    for entry in entries {
        let Ok(start) = u32::try_from(joined.len()) else {
            tracing::error!("the embedded list of common passwords is too large");
            return empty();
        };
        starts.push(start);
        joined.push_str(entry);
    }
    List {
        text: joined.into_boxed_str(),
        starts: starts.into_boxed_slice(),
    }
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
    LIST.contains(password) || LIST.contains(&password.to_lowercase())
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
        assert!(!contains(""));
        // The first and the last entry are found too (the ends of the text).
        assert!(contains(LIST.get(0)));
        assert!(contains(LIST.get(len() - 1)));
        assert!((0..len() - 1).all(|i| LIST.get(i) < LIST.get(i + 1)));
    }
}
