//! Records the git commit for `latchkey --version`, and rebuilds when it moves
//! (also in a linked worktree, where `.git` is a file and refs live in the
//! common directory).

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    Command::new("git")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn watch(path: &Path) {
    // Only existing paths: a missing one would make cargo rerun every build.
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    // A packager may name the commit (container builds do not see .git).
    println!("cargo:rerun-if-env-changed=LATCHKEY_COMMIT");
    let commit = std::env::var("LATCHKEY_COMMIT")
        .ok()
        .filter(|c| !c.is_empty() && c != "unknown")
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=LATCHKEY_COMMIT={commit}");
    if let (Some(git_dir), Some(common)) = (
        git(&["rev-parse", "--absolute-git-dir"]),
        git(&["rev-parse", "--git-common-dir"]),
    ) {
        let git_dir = PathBuf::from(git_dir);
        let common = if Path::new(&common).is_absolute() {
            PathBuf::from(common)
        } else {
            std::env::current_dir().unwrap_or_default().join(common)
        };
        watch(&git_dir.join("HEAD"));
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch(&common.join(&reference));
            watch(&git_dir.join(&reference));
        }
        watch(&common.join("packed-refs"));
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=migrations");
}
