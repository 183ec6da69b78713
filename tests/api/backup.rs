//! `latchkey backup` while a server writes, and `latchkey restore`.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use latchkey::manage::{self, Actor};

use crate::helpers::spawn_app;

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

/// Runs the binary against `db_url` from an empty working directory.
async fn latchkey(db_url: &str, args: &[&str]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd.path())
        .env_remove("LATCHKEY_BIND")
        .env_remove("LATCHKEY_MASTER_KEY")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_DATABASE_URL", db_url)
        .args(args);
    tokio::task::spawn_blocking(move || {
        let out = cmd.output().unwrap();
        drop(cwd);
        out
    })
    .await
    .unwrap()
}

fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one JSON line: {text}");
    serde_json::from_str(&text).unwrap()
}

fn name(i: usize) -> String {
    format!("writer{i:05}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_writing_then_restore_keeps_every_committed_row() {
    let app = spawn_app().await;
    let db_url = format!("sqlite://{}", app.dir.path().join("latchkey.db").display());

    // A writer that commits users (and their audit events) in a loop and
    // publishes how many are committed.
    let committed = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (repos, clock) = (app.state.repos.clone(), app.state.clock.clone());
        let (committed, stop) = (committed.clone(), stop.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                manage::create_user(
                    &repos,
                    clock.as_ref(),
                    &Actor::system(),
                    manage::CreateUser {
                        username: name(i),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
                i += 1;
                committed.store(i, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("nightly.db");
    let file_arg = file.to_str().unwrap();
    let before = committed.load(Ordering::SeqCst);
    let out = latchkey(&db_url, &["backup", file_arg]).await;
    let during = committed.load(Ordering::SeqCst);
    eprintln!("committed: {before} before the backup, {during} when it ended");
    let report = stdout_json(&out);
    assert_eq!(report["backup"], file_arg);
    assert!(report["bytes"].as_u64().unwrap() > 0);
    let key_copy = out_dir.path().join("nightly.db.key");
    assert_eq!(report["key_file"], key_copy.to_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(&key_copy).unwrap(),
        std::fs::read_to_string(app.dir.path().join("latchkey.db.key")).unwrap()
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // The server kept serving and writing through the backup.
    let res = app.http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    while committed.load(Ordering::SeqCst) < during + 20 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    // The live database is not replaced while the server has it open.
    let refused = latchkey(&db_url, &["restore", file_arg]).await;
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("in use"), "{err}");
    assert!(refused.stdout.is_empty());
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    let total = committed.load(Ordering::SeqCst);
    assert!(
        app.state
            .repos
            .users
            .get_by_username(&name(total - 1))
            .await
            .unwrap()
            .is_some()
    );

    // A second backup to the same name is refused, not overwritten.
    let again = latchkey(&db_url, &["backup", file_arg]).await;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // Restore into a fresh place, as on a new machine.
    let new_home = tempfile::tempdir().unwrap();
    let new_db = new_home.path().join("data").join("latchkey.db");
    let new_url = format!("sqlite://{}", new_db.display());
    let restored = stdout_json(&latchkey(&new_url, &["restore", file_arg]).await);
    assert_eq!(restored["restored"], new_db.to_str().unwrap());
    assert!(restored["previous"].is_null());

    // The restored copy opens with its key (signing keys decrypt) and holds
    // every row committed before the backup began, and nothing after it ended.
    let settings = latchkey::config::Settings::for_tests("http://localhost:1", &new_url).unwrap();
    let core = latchkey::app::Core::open(settings, app.state.clock.clone())
        .await
        .unwrap();
    for i in 0..before {
        assert!(
            core.repos
                .users
                .get_by_username(&name(i))
                .await
                .unwrap()
                .is_some(),
            "{} was committed before the backup began but is missing",
            name(i)
        );
    }
    assert!(
        core.repos
            .users
            .get_by_username(&name(during + 10))
            .await
            .unwrap()
            .is_none()
    );
    let audit = core
        .repos
        .audit
        .list(&latchkey::db::AuditFilter {
            limit: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(audit.total >= before as i64, "audit events restored");
    let kids = |mut k: Vec<String>| {
        k.sort();
        k
    };
    assert_eq!(
        kids(core.keys.current().kids()),
        kids(app.state.keys.current().kids())
    );
}

#[tokio::test]
async fn restore_replaces_a_stopped_database_and_keeps_the_old_one() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("latchkey.db");
    let url = format!("sqlite://{}", db.display());
    stdout_json(&latchkey(&url, &["user", "create", "--username", "alice"]).await);
    let file = home.path().join("backup.db");
    stdout_json(&latchkey(&url, &["backup", file.to_str().unwrap()]).await);
    stdout_json(&latchkey(&url, &["user", "create", "--username", "bob"]).await);

    let report = stdout_json(&latchkey(&url, &["restore", file.to_str().unwrap()]).await);
    assert_eq!(report["previous"], format!("{}.pre-restore", db.display()));
    let users = stdout_json(&latchkey(&url, &["user", "list"]).await);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice"]);
    assert!(Path::new(&format!("{}.pre-restore", db.display())).exists());

    // Garbage is not restored, and the database is left alone.
    let junk = home.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    std::fs::write(home.path().join("junk.db.key"), b"x").unwrap();
    let out = latchkey(&url, &["restore", junk.to_str().unwrap()]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a usable backup"));
    let users = stdout_json(&latchkey(&url, &["user", "list"]).await);
    assert_eq!(users.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn postgres_backups_point_to_pg_dump() {
    let out = Command::new(BIN)
        .current_dir(tempfile::tempdir().unwrap().path())
        .env("LATCHKEY_DATABASE_URL", "postgres://db.invalid/latchkey")
        .env(
            "LATCHKEY_MASTER_KEY",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        )
        .args(["backup", "/tmp/never-written.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
    assert!(!Path::new("/tmp/never-written.db").exists());
}

/// `latchkey backup --without-key` for off-site copies: no key file, no key
/// material in the snapshot; restoring refuses until the key is supplied
/// from its separate safe place, and then gives a working server.
#[tokio::test]
async fn a_backup_without_the_key_restores_once_the_key_is_supplied() {
    use base64::Engine;
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("latchkey.db");
    let url = format!("sqlite://{}", db.display());
    stdout_json(&latchkey(&url, &["user", "create", "--username", "alice"]).await);
    let key_text = std::fs::read_to_string(home.path().join("latchkey.db.key")).unwrap();
    let file = home.path().join("offsite.db");
    let out = latchkey(&url, &["backup", "--without-key", file.to_str().unwrap()]).await;
    let report = stdout_json(&out);
    assert_eq!(report["key_file"], serde_json::Value::Null);
    assert!(!Path::new(&format!("{}.key", file.display())).exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in this backup"));
    let bytes = std::fs::read(&file).unwrap();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(key_text.trim())
        .unwrap();
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        !holds(key_text.trim().as_bytes()),
        "the key's text is in the backup"
    );
    assert!(!holds(&raw), "the key's bytes are in the backup");
    assert!(!holds(b"PRIVATE KEY"), "a private key in the clear");

    // On a new machine: without the key the restore refuses.
    let other = tempfile::tempdir().unwrap();
    let new_db = other.path().join("latchkey.db");
    let new_url = format!("sqlite://{}", new_db.display());
    let out = latchkey(&new_url, &["restore", file.to_str().unwrap()]).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));
    assert!(!new_db.exists());

    // The key from its safe place, beside the backup: the restore works,
    // and so does the server (it opens the sealed signing keys).
    std::fs::write(format!("{}.key", file.display()), &key_text).unwrap();
    stdout_json(&latchkey(&new_url, &["restore", file.to_str().unwrap()]).await);
    let users = stdout_json(&latchkey(&new_url, &["user", "list"]).await);
    assert_eq!(users[0]["username"], "alice");
    let rotated = stdout_json(&latchkey(&new_url, &["keys", "rotate"]).await);
    assert!(rotated["kid"].is_string());
    let app = crate::helpers::spawn_app_with(|s| s.database_url = new_url.clone()).await;
    let jwks: serde_json::Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(jwks["keys"].as_array().unwrap().len() >= 2);
}
