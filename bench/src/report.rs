//! The results table, the machine facts, and `docs/benchmarks.md`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::calibrate::Ceilings;

/// Marks the generated part of the Markdown file.
pub const BEGIN: &str =
    "<!-- bench:begin (written by scripts/bench.sh; edit outside the markers) -->";
pub const END: &str = "<!-- bench:end -->";

/// The database a row ran on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn title(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// What a row's rate is compared with, measured in the same run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ceiling {
    None,
    /// The hello-world axum server at the same connection count (W0).
    Hello,
    /// In-process RS256 signatures per second (one per operation).
    Rs256,
    /// In-process ES256 signatures per second.
    Es256,
    /// In-process argon2id verifications per second.
    Argon2,
}

/// The issue's target for a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    None,
    /// At least this fraction of the row's ceiling.
    OfCeiling(f64),
    /// At least this fraction of W1's rate at the same connection count.
    OfW1(f64),
    /// At least this many operations per second.
    Rate(f64),
    /// At least this fraction of the same workload's SQLite rate.
    OfSqlite(f64),
    /// p99 under this many milliseconds.
    P99Under(f64),
    /// No errors, at a rate compared with this single-instance workload.
    NoErrorsBeside(&'static str),
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub what: String,
    pub backend: Backend,
    pub ceiling: Ceiling,
    pub target: Target,
    pub conns: usize,
    pub rate: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// Server CPU time per operation (None when two workloads share the server).
    pub cpu_us_per_op: Option<f64>,
    pub server_cpu_pct: f64,
    pub client_cpu_pct: f64,
    pub rss_mib: f64,
}

impl Row {
    /// A workload that could not run here, with the reason.
    pub fn skipped(name: &str, what: &str, backend: Backend, why: &str) -> Self {
        Self {
            name: name.to_owned(),
            what: format!("{what}: not measured"),
            backend,
            ceiling: Ceiling::None,
            target: Target::None,
            conns: 0,
            rate: 0.0,
            p50_ms: 0.0,
            p99_ms: 0.0,
            errors: 0,
            first_error: Some(why.to_owned()),
            cpu_us_per_op: None,
            server_cpu_pct: 0.0,
            client_cpu_pct: 0.0,
            rss_mib: 0.0,
        }
    }
}

/// A row's ceiling, its share of it, and its target met or not.
#[derive(Debug, Clone, Default)]
pub struct Assessed {
    pub ceiling: String,
    pub share: String,
    pub target: String,
    pub met: Option<bool>,
}

fn rate_of(rows: &[Row], name: &str, conns: usize, backend: Option<Backend>) -> Option<f64> {
    rows.iter()
        .find(|r| {
            r.name == name
                && r.conns == conns
                && r.errors == 0
                && backend.is_none_or(|b| r.backend == b)
        })
        .map(|r| r.rate)
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Compares `r` with its ceiling and its target, from the rows and ceilings of the same run.
pub fn assess(r: &Row, rows: &[Row], c: &Ceilings) -> Assessed {
    let ceiling = match r.ceiling {
        Ceiling::None => None,
        Ceiling::Hello => rate_of(rows, "W0", r.conns, None).map(|v| ("hello", v)),
        Ceiling::Rs256 => (c.rs256_per_s > 0.0).then_some(("RS256 sig", c.rs256_per_s)),
        Ceiling::Es256 => (c.es256_per_s > 0.0).then_some(("ES256 sig", c.es256_per_s)),
        Ceiling::Argon2 => (c.argon2_per_s > 0.0).then_some(("argon2", c.argon2_per_s)),
    };
    let mut a = Assessed::default();
    let share = ceiling.map(|(_, v)| r.rate / v);
    if let Some((label, v)) = ceiling {
        a.ceiling = format!("{label} {v:.0}");
        a.share = share.map(pct).unwrap_or_default();
    }
    let clean = r.errors == 0 && r.conns > 0;
    let (text, met) = match r.target {
        Target::None => return a,
        Target::OfCeiling(f) => (
            format!("≥ {} of ceiling", pct(f)),
            share.map(|s| clean && s >= f),
        ),
        Target::OfW1(f) => match rate_of(rows, "W1", r.conns, None) {
            Some(w1) => (
                format!("≥ {} of W1: {}", pct(f), pct(r.rate / w1)),
                Some(clean && r.rate >= f * w1),
            ),
            None => (format!("≥ {} of W1 (not measured)", pct(f)), None),
        },
        Target::Rate(v) => (format!("≥ {v:.0}/s"), Some(clean && r.rate >= v)),
        Target::OfSqlite(f) => match rate_of(rows, &r.name, r.conns, Some(Backend::Sqlite)) {
            Some(s) => (
                format!("≥ {} of SQLite: {}", pct(f), pct(r.rate / s)),
                Some(clean && r.rate >= f * s),
            ),
            None => (format!("≥ {} of SQLite (not measured)", pct(f)), None),
        },
        Target::P99Under(ms) => (format!("p99 < {ms:.0} ms"), Some(clean && r.p99_ms < ms)),
        Target::NoErrorsBeside(other) => {
            let single = rate_of(rows, other, r.conns, Some(r.backend));
            (
                match single {
                    Some(v) => format!("0 errors; {} of one instance's {other}", pct(r.rate / v)),
                    None => "0 errors".to_owned(),
                },
                Some(clean),
            )
        }
    };
    a.target = text;
    a.met = met;
    a
}

/// Facts about the run and the machine.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub label: String,
    pub date: String,
    pub commit: String,
    pub cpus: usize,
    pub cpu_model: String,
    pub memory: String,
    pub kernel: String,
    pub load_start: String,
    pub load_end: String,
    pub duration: f64,
    pub warmup: f64,
    pub conns: Vec<usize>,
    pub client_threads: usize,
    pub server_env: Vec<(String, String)>,
    pub ceilings: Ceilings,
    /// Server RSS after start, per backend: all of it and its anonymous
    /// part (the rest is file-backed: mostly the binary's code).
    pub rss_idle_mib: Vec<(Backend, f64, f64)>,
    pub rss_peak_mib: f64,
    /// The PostgreSQL server and the pool, when PostgreSQL was measured.
    pub postgres: Option<String>,
}

fn command(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

impl RunInfo {
    /// Reads the machine, the commit and the load.
    pub fn gather(label: &str) -> Result<Self> {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, m)| m.trim().to_owned())
            .unwrap_or_else(|| "unknown".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
            .unwrap_or_else(|| "unknown".into());
        let mut commit = command("git", &["rev-parse", "--short", "HEAD"]);
        if !command("git", &["status", "--porcelain", "--untracked-files=no"]).is_empty() {
            commit.push_str(" (with uncommitted changes)");
        }
        Ok(Self {
            label: label.to_owned(),
            date: command("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            commit,
            cpus: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            cpu_model,
            memory,
            kernel: command("uname", &["-r"]),
            load_start: load_average(),
            ..Default::default()
        })
    }

    /// Records the load at the end.
    pub fn finish(&mut self) {
        self.load_end = load_average();
    }
}

/// `K=V K=V`.
pub fn env_text(env: &[(String, String)]) -> String {
    env.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line for progress output.
pub fn row_line(r: &Row) -> String {
    format!(
        "{:<7} {:>3} conns {:>9.0}/s p50 {:>7.2} ms p99 {:>7.2} ms errors {} cpu {:>5.0}%{}",
        r.name,
        r.conns,
        r.rate,
        r.p50_ms,
        r.p99_ms,
        r.errors,
        r.server_cpu_pct,
        r.first_error
            .as_deref()
            .map(|e| format!(" first error: {e}"))
            .unwrap_or_default()
    )
}

/// The rows of `backend` as a Markdown table, each with its ceiling and target.
pub fn table(rows: &[Row], backend: Backend, c: &Ceilings) -> String {
    let mut out = String::from(
        "| Workload | | Conns | Req/s | Ceiling /s | Share | Target | Met | p50 ms | p99 ms | Errors | Server CPU µs/req | Server CPU % | Bench CPU % | Server RSS MiB |\n\
         |---|---|--:|--:|--:|--:|---|---|--:|--:|--:|--:|--:|--:|--:|\n",
    );
    for r in rows.iter().filter(|r| r.backend == backend) {
        let a = assess(r, rows, c);
        let per_op = r
            .cpu_us_per_op
            .map_or_else(|| "—".to_owned(), |v| format!("{v:.0}"));
        let met = match a.met {
            Some(true) => "met",
            Some(false) => "**not met**",
            None => "",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} | {} | {} | {} | {met} | {:.2} | {:.2} | {} | {} | {:.0} | {:.0} | {:.1} |",
            r.name,
            r.what,
            r.conns,
            r.rate,
            a.ceiling,
            a.share,
            a.target,
            r.p50_ms,
            r.p99_ms,
            r.errors,
            per_op,
            r.server_cpu_pct,
            r.client_cpu_pct,
            r.rss_mib
        );
    }
    out
}

/// The bounds that hold across rows: p99 at 16 connections for W1–W7,
/// RSS idle and under every workload.
pub fn bounds(info: &RunInfo, rows: &[Row]) -> String {
    let mut out = String::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let mine: Vec<&Row> = rows
            .iter()
            .filter(|r| r.backend == backend && r.conns > 0 && r.name != "W0")
            .collect();
        if mine.is_empty() {
            continue;
        }
        let title = backend.title();
        let slow: Vec<String> = mine
            .iter()
            .filter(|r| r.conns == 16 && !r.name.contains("W8") && r.p99_ms >= 10.0)
            .map(|r| format!("{} {:.1} ms", r.name, r.p99_ms))
            .collect();
        if mine.iter().any(|r| r.conns == 16 && !r.name.contains("W8")) {
            let _ = writeln!(
                out,
                "- {title}: p99 < 10 ms at 16 connections (W1–W7): {}",
                if slow.is_empty() {
                    "met".to_owned()
                } else {
                    format!("**not met** ({})", slow.join(", "))
                }
            );
        }
        if let Some((_, idle, _)) = info.rss_idle_mib.iter().find(|(b, _, _)| *b == backend) {
            let _ = writeln!(
                out,
                "- {title}: RSS ≤ 20 MB idle: {idle:.1} MiB, {}",
                if idle * 1.048_576 <= 20.0 {
                    "met"
                } else {
                    "**not met**"
                }
            );
        }
        if let Some(worst) = mine.iter().max_by(|a, b| a.rss_mib.total_cmp(&b.rss_mib)) {
            let _ = writeln!(
                out,
                "- {title}: RSS ≤ 60 MB under every workload: at most {:.1} MiB ({}), {}",
                worst.rss_mib,
                worst.name,
                if worst.rss_mib * 1.048_576 <= 60.0 {
                    "met"
                } else {
                    "**not met**"
                }
            );
        }
    }
    out
}

/// The run's facts as Markdown.
pub fn summary(info: &RunInfo) -> String {
    let mut out = String::new();
    if !info.label.is_empty() {
        let _ = writeln!(out, "Run: **{}**\n", info.label);
    }
    let _ = writeln!(out, "- Date: {}; commit `{}`", info.date, info.commit);
    let _ = writeln!(
        out,
        "- Machine: {} CPUs (`nproc`), {}, {} memory, Linux {}",
        info.cpus, info.cpu_model, info.memory, info.kernel
    );
    let busy = |l: &str| {
        l.split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
            .is_some_and(|x| x > 1.0)
    };
    let _ = writeln!(
        out,
        "- Load average (1, 5, 15 min): {} at the start, {} at the end{}",
        info.load_start,
        info.load_end,
        if busy(&info.load_start) {
            " — **the machine was busy with other work; treat the numbers as lower bounds**"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "- Method: closed loop, one keep-alive HTTP/1.1 connection per task, {} s warm-up then {} s measured per row, at {} connections; load generator on the same machine ({} tokio worker thread(s)); server: `target/release/latchkey serve`, fresh SQLite database in a temp dir, `{}`; W0: a hello-world axum handler served by `latchkey-bench --serve-hello` on the server's runtime and `axum::serve` settings (`latchkey::app::runtime`, `serve_router`)",
        info.warmup,
        info.duration,
        info.conns
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" and "),
        info.client_threads,
        env_text(&info.server_env),
    );
    if let Some(pg) = &info.postgres {
        let _ = writeln!(out, "- PostgreSQL: {pg}");
    }
    let c = info.ceilings;
    if c.rs256_per_s > 0.0 {
        let _ = writeln!(
            out,
            "- Ceilings measured in-process on every core: {:.0} RS256 and {:.0} ES256 JWT signatures/s, {:.0} argon2id verifications/s",
            c.rs256_per_s, c.es256_per_s, c.argon2_per_s
        );
    }
    let idle: Vec<String> = info
        .rss_idle_mib
        .iter()
        .map(|(b, v, anon)| {
            format!(
                "{v:.1} MiB idle on {} (after start; {anon:.1} MiB of it anonymous, the rest file-backed, mostly the binary's code)",
                b.title()
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "- Server RSS: {}; {:.1} MiB peak (VmHWM) over the run",
        idle.join(", "),
        info.rss_peak_mib
    );
    out
}

/// The summary, one table per backend and the bounds.
pub fn document(info: &RunInfo, rows: &[Row]) -> String {
    let mut out = format!("{}\n", summary(info));
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if rows.iter().any(|r| r.backend == backend) {
            let _ = writeln!(
                out,
                "**{}**\n\n{}",
                backend.title(),
                table(rows, backend, &info.ceilings)
            );
        }
    }
    let _ = writeln!(out, "**Bounds**\n\n{}", bounds(info, rows));
    out
}

/// Writes the summary, the table and any errors between the markers of
/// `path` (creating the file with a heading when it does not exist).
pub fn write_markdown(path: &Path, info: &RunInfo, rows: &[Row]) -> Result<()> {
    let mut generated = format!("{BEGIN}\n\n{}", document(info, rows));
    let errors: Vec<&Row> = rows.iter().filter(|r| r.first_error.is_some()).collect();
    if !errors.is_empty() {
        generated.push_str("\nNotes (first error of each row with errors, skipped rows):\n\n");
        for r in errors {
            let at = if r.conns == 0 {
                "skipped".to_owned()
            } else {
                format!("at {} connections", r.conns)
            };
            let _ = writeln!(
                generated,
                "- {} {at}: `{}`",
                r.name,
                r.first_error.as_deref().unwrap_or_default()
            );
        }
    }
    generated.push('\n');
    generated.push_str(END);
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let text = match (existing.find(BEGIN), existing.find(END)) {
        (Some(b), Some(e)) if b < e => format!(
            "{}{generated}{}",
            &existing[..b],
            &existing[e + END.len()..]
        ),
        _ => format!("# Benchmarks\n\n## Latest results\n\n{generated}\n"),
    };
    std::fs::write(path, text)?;
    Ok(())
}
