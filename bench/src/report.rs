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

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub what: String,
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
    pub fn skipped(name: &str, what: &str, why: &str) -> Self {
        Self {
            name: name.to_owned(),
            what: format!("{what}: not measured"),
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
    /// ID-token algorithm of the seeded relying party.
    pub id_token_alg: String,
    pub ceilings: Ceilings,
    pub rss_idle_mib: Option<f64>,
    pub rss_peak_mib: f64,
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

/// The results as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| Workload | | Conns | Req/s | p50 ms | p99 ms | Errors | Server CPU µs/req | Server CPU % | Bench CPU % | Server RSS MiB |\n\
         |---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n",
    );
    for r in rows {
        let per_op = r
            .cpu_us_per_op
            .map_or_else(|| "—".to_owned(), |v| format!("{v:.0}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} | {:.2} | {:.2} | {} | {} | {:.0} | {:.0} | {:.1} |",
            r.name,
            r.what,
            r.conns,
            r.rate,
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
        "- Method: closed loop, one keep-alive HTTP/1.1 connection per task, {} s warm-up then {} s measured per row, at {} connections; load generator on the same machine ({} tokio worker thread(s)); server: `target/release/latchkey serve`, fresh SQLite database in a temp dir, `{}`; the relying party's ID tokens: {}",
        info.warmup,
        info.duration,
        info.conns
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" and "),
        info.client_threads,
        env_text(&info.server_env),
        info.id_token_alg
    );
    let c = info.ceilings;
    if c.rs256_per_s > 0.0 {
        let _ = writeln!(
            out,
            "- Ceilings measured in-process on every core: {:.0} RS256 and {:.0} ES256 JWT signatures/s, {:.0} argon2id verifications/s",
            c.rs256_per_s, c.es256_per_s, c.argon2_per_s
        );
    }
    let _ = writeln!(
        out,
        "- Server RSS: {:.1} MiB idle (after start), {:.1} MiB peak (VmHWM) over the run",
        info.rss_idle_mib.unwrap_or(0.0),
        info.rss_peak_mib
    );
    out
}

/// Writes the summary, the table and any errors between the markers of
/// `path` (creating the file with a heading when it does not exist).
pub fn write_markdown(path: &Path, info: &RunInfo, rows: &[Row]) -> Result<()> {
    let mut generated = format!("{BEGIN}\n\n{}\n{}", summary(info), table(rows));
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
