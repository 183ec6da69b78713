//! `latchkey backup FILE` and `latchkey restore FILE`.
//!
//! A backup is a consistent snapshot of the SQLite database, taken online
//! while a server keeps serving, plus a copy of the master key file as
//! `FILE.key`: the signing keys in the database are encrypted with that key,
//! so the snapshot is useless without it. `--without-key` leaves the key out,
//! for copies kept off-site while the key stays in a separate safe place;
//! such a backup is restored once the key file is put back beside it as
//! `FILE.key` (or `LATCHKEY_MASTER_KEY` is set). A restore refuses to replace a
//! database that another process has open (unless forced), checks the backup
//! first, and keeps the replaced database and key beside the new ones.
//! PostgreSQL databases are backed up with `pg_dump`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Settings;
use crate::db::Backend;
use crate::db::sqlite::backup as sqlite;

/// Why a backup or restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the database is PostgreSQL: back it up with pg_dump (e.g. `pg_dump --format=custom --file latchkey.dump \"$LATCHKEY_DATABASE_URL\"`), restore with pg_restore, and keep LATCHKEY_MASTER_KEY with the dump"
    )]
    Postgres,
    #[error("LATCHKEY_DATABASE_URL does not name a SQLite file")]
    NoFile,
    #[error("{0}")]
    Refused(String),
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Db(#[from] crate::db::DbError),
}

/// What `latchkey backup` wrote.
#[derive(Debug, Serialize)]
pub struct BackupReport {
    /// The database snapshot.
    pub backup: PathBuf,
    /// The copy of the master key file, when the key lives in a file.
    pub key_file: Option<PathBuf>,
    /// Size of the snapshot in bytes.
    pub bytes: u64,
}

/// What `latchkey restore` did.
#[derive(Debug, Serialize)]
pub struct RestoreReport {
    /// The database that now holds the backup.
    pub restored: PathBuf,
    /// Where the replaced database was kept, if there was one.
    pub previous: Option<PathBuf>,
    /// The master key file now in place, when the backup came with one.
    pub key_file: Option<PathBuf>,
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io { what, path, source }
}

/// `path` with `suffix` appended to its file name (`db` → `db.key`).
#[must_use]
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn sqlite_file(settings: &Settings) -> Result<PathBuf, BackupError> {
    match Backend::from_url(&settings.database_url) {
        Some(Backend::Postgres) => Err(BackupError::Postgres),
        _ => settings.sqlite_path().ok_or(BackupError::NoFile),
    }
}

/// Flushes a file and the folder that names it, so a rename survives a crash.
fn sync(path: &Path) -> Result<(), BackupError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io("cannot sync", path))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(io("cannot sync", dir))?;
    }
    Ok(())
}

fn copy_private(from: &Path, to: &Path) -> Result<(), BackupError> {
    let text = std::fs::read_to_string(from).map_err(io("cannot read", from))?;
    crate::app::write_private_file(to, &text).map_err(io("cannot write", to))
}

/// Writes a consistent snapshot of the configured SQLite database to `dest`
/// (and, when `with_key`, the master key file to `dest.key`). Safe while a
/// server runs. Without the key the snapshot holds no key material in the
/// clear: the signing keys in it are sealed under the master key, so it can
/// go off-site while the key stays in a separate safe place.
pub async fn backup(
    settings: &Settings,
    dest: &Path,
    with_key: bool,
) -> Result<BackupReport, BackupError> {
    let db = sqlite_file(settings)?;
    if !db.exists() {
        return Err(BackupError::Refused(format!(
            "there is no database at {}",
            db.display()
        )));
    }
    let key_dest = with_suffix(dest, ".key");
    for path in [dest, key_dest.as_path()] {
        if path.exists() {
            return Err(BackupError::Refused(format!(
                "{} already exists; choose a new file name",
                path.display()
            )));
        }
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
    }
    // Snapshot to a temporary name so an interrupted backup never looks whole.
    let partial = with_suffix(dest, ".partial");
    let _ = std::fs::remove_file(&partial);
    if let Err(e) = sqlite::snapshot(&settings.database_url, &partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    if let Err(problem) = sqlite::verify(&partial).await? {
        let _ = std::fs::remove_file(&partial);
        return Err(BackupError::Refused(format!(
            "the snapshot failed its check: {problem}"
        )));
    }
    sync(&partial)?;
    std::fs::rename(&partial, dest).map_err(io("cannot rename", &partial))?;
    sync(dest)?;
    let key_file = if settings.master_key.is_some() || !with_key {
        None
    } else {
        let key = crate::app::key_file_path(&db);
        copy_private(&key, &key_dest)?;
        sync(&key_dest)?;
        Some(key_dest)
    };
    let bytes = std::fs::metadata(dest)
        .map_err(io("cannot read", dest))?
        .len();
    Ok(BackupReport {
        backup: dest.to_path_buf(),
        key_file,
        bytes,
    })
}

/// Replaces the configured SQLite database with the backup at `from` (and the
/// master key file with `from.key` when present). Refuses while another
/// process has the database open unless `force`; keeps the replaced files as
/// `….pre-restore`.
pub async fn restore(
    settings: &Settings,
    from: &Path,
    force: bool,
) -> Result<RestoreReport, BackupError> {
    let db = sqlite_file(settings)?;
    if !from.is_file() {
        return Err(BackupError::Refused(format!(
            "there is no backup at {}",
            from.display()
        )));
    }
    if let Err(problem) = sqlite::verify(from).await? {
        return Err(BackupError::Refused(format!(
            "{} is not a usable backup: {problem}",
            from.display()
        )));
    }
    let key_from = with_suffix(from, ".key");
    if settings.master_key.is_none() && !key_from.exists() {
        return Err(BackupError::Refused(format!(
            "{} is missing: without the master key the signing keys in the backup cannot be read (copy the master key file the backup was made with to that name, or set LATCHKEY_MASTER_KEY to that key)",
            key_from.display()
        )));
    }
    let previous = if db.exists() {
        if !force && sqlite::in_use(&db).await? {
            return Err(BackupError::Refused(format!(
                "the database {} is in use by another process (a running server?): stop it first, or pass --force",
                db.display()
            )));
        }
        let previous = with_suffix(&db, ".pre-restore");
        std::fs::rename(&db, &previous).map_err(io("cannot rename", &db))?;
        Some(previous)
    } else {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
        }
        None
    };
    // The old database's journal files would corrupt the restored one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = with_suffix(&db, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(io("cannot remove", &stale))?;
        }
    }
    let incoming = with_suffix(&db, ".restoring");
    std::fs::copy(from, &incoming).map_err(io("cannot copy to", &incoming))?;
    sync(&incoming)?;
    std::fs::rename(&incoming, &db).map_err(io("cannot rename", &incoming))?;
    sync(&db)?;
    let key_file = if settings.master_key.is_none() {
        let key = crate::app::key_file_path(&db);
        let incoming = std::fs::read_to_string(&key_from).map_err(io("cannot read", &key_from))?;
        let current = std::fs::read_to_string(&key).ok();
        if current.as_deref() != Some(incoming.as_str()) {
            if current.is_some() {
                let kept = with_suffix(&key, ".pre-restore");
                std::fs::rename(&key, &kept).map_err(io("cannot rename", &key))?;
            }
            crate::app::write_private_file(&key, &incoming).map_err(io("cannot write", &key))?;
            sync(&key)?;
        }
        Some(key)
    } else {
        None
    };
    Ok(RestoreReport {
        restored: db,
        previous,
        key_file,
    })
}
