//! The documentation keeps up with the code.

use latchkey::config::KEYS;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Every key in `config::KEYS` has a row in docs/configuration.md naming its
/// environment variable, file key and default; and the page lists no key the
/// code does not read.
#[test]
fn configuration_reference_lists_every_key() {
    let doc = read("docs/configuration.md");
    let rows: Vec<&str> = doc
        .lines()
        .filter(|l| l.starts_with("| `LATCHKEY_"))
        .collect();
    let mut missing = Vec::new();
    for key in KEYS {
        let Some(row) = rows
            .iter()
            .find(|r| r.starts_with(&format!("| `{}` |", key.env)))
        else {
            missing.push(key.env.to_owned());
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        assert_eq!(
            cells[1],
            format!("`{}`", key.file_key()),
            "file key of {}",
            key.env
        );
        if key.default.is_empty() {
            assert!(
                cells[2].starts_with("*(unset"),
                "default of {}: {row}",
                key.env
            );
        } else {
            assert_eq!(
                cells[2],
                format!("`{}`", key.default),
                "default of {}",
                key.env
            );
        }
        assert!(cells[3].len() > 10, "meaning of {}", key.env);
    }
    assert!(
        missing.is_empty(),
        "keys missing from docs/configuration.md: {missing:?}"
    );
    for row in rows {
        let env = row.split('`').nth(1).unwrap();
        assert!(
            KEYS.iter().any(|k| k.env == env),
            "docs/configuration.md documents {env}, which the code does not read"
        );
    }
}

/// GitHub's anchor for a Markdown heading: lower case, spaces to `-`,
/// punctuation other than `-` and `_` dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every relative link between the README and the pages in docs/ names a
/// file that exists, and a `#fragment` names one of its headings.
#[test]
fn links_between_documents_resolve() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut pages = vec!["README.md".to_owned()];
    for entry in std::fs::read_dir(format!("{root}/docs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            pages.push(format!("docs/{name}"));
        }
    }
    let link = regex_lite_links();
    let mut broken = Vec::new();
    for page in &pages {
        let text = read(page);
        let dir = std::path::Path::new(page).parent().unwrap().to_owned();
        for target in link(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() {
                std::path::PathBuf::from(page)
            } else {
                dir.join(file)
            };
            let full = std::path::Path::new(root).join(&path);
            if !full.exists() {
                broken.push(format!("{page}: {target} (no such file)"));
                continue;
            }
            if fragment.is_empty() || !path.to_string_lossy().ends_with(".md") {
                continue;
            }
            let linked = std::fs::read_to_string(&full).unwrap();
            let found = linked
                .lines()
                .filter_map(|l| l.strip_prefix('#'))
                .map(|h| anchor(h.trim_start_matches('#')))
                .any(|a| a == fragment);
            if !found {
                broken.push(format!("{page}: {target} (no such heading)"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

/// The targets of inline Markdown links `[text](target)` outside code blocks.
fn regex_lite_links() -> impl Fn(&str) -> Vec<String> {
    |text: &str| {
        let mut out = Vec::new();
        let mut in_code = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            let mut rest = line;
            while let Some(i) = rest.find("](") {
                let after = &rest[i + 2..];
                let Some(end) = after.find(')') else { break };
                let target = after[..end].trim();
                if !target.is_empty() && !target.contains(' ') {
                    out.push(target.to_owned());
                }
                rest = &after[end..];
            }
        }
        out
    }
}
