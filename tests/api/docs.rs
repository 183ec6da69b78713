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
