//! `latchkey-bench`: seeds a fresh database, starts the release server on a
//! free port, measures the workloads W1–W8 of issue 8 at each connection
//! count, prints a table and (with `--out`) writes the results into
//! `docs/benchmarks.md` between its result markers.

mod calibrate;
mod flood;
mod http;
mod report;
mod server;
mod workloads;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;

use report::{Row, RunInfo};
use server::Server;
use workloads::{Ctx, Kind, Window};

/// Command-line options.
#[derive(Debug, Parser)]
#[command(
    name = "latchkey-bench",
    about = "Benchmark a release build of latchkey"
)]
struct Args {
    /// The server binary (default: `latchkey` beside this program).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Measured seconds per workload and connection count.
    #[arg(long, env = "BENCH_DURATION", default_value_t = 5.0)]
    duration: f64,
    /// Unmeasured seconds before each measurement.
    #[arg(long, env = "BENCH_WARMUP", default_value_t = 1.0)]
    warmup: f64,
    /// Connection counts, comma-separated.
    #[arg(
        long,
        env = "BENCH_CONNS",
        default_value = "16,64",
        value_delimiter = ','
    )]
    conns: Vec<usize>,
    /// Workloads to run (W1,W2,W3a,W3b,W4,W5,W6,W7,W8), comma-separated.
    #[arg(long, env = "BENCH_ONLY", value_delimiter = ',')]
    only: Vec<String>,
    /// Extra server environment for the default configuration, `KEY=VALUE`
    /// (e.g. `LATCHKEY_ACCESS_TOKEN_ALG=ES256`). W3a and W3b always pin the algorithm.
    #[arg(long = "server-env")]
    server_env: Vec<String>,
    /// Connections running W3a beside the sign-ins of W8.
    #[arg(long, default_value_t = 16)]
    beside: usize,
    /// Seeded users.
    #[arg(long, default_value_t = 8)]
    users: usize,
    /// Tokio worker threads of the load generator.
    #[arg(long, env = "BENCH_CLIENT_THREADS", default_value_t = 1)]
    client_threads: usize,
    /// Skip the in-process signing and argon2 ceilings.
    #[arg(long)]
    no_calibrate: bool,
    /// ID-token algorithm of the seeded relying party (W4, W5): RS256 (the
    /// server's default, which every relying party accepts), ES256 or EdDSA.
    #[arg(long, env = "BENCH_ID_TOKEN_ALG", default_value = "RS256")]
    id_token_alg: String,
    /// Markdown file to write the results into (between its markers).
    #[arg(long)]
    out: Option<PathBuf>,
    /// A name for this run, shown in the report.
    #[arg(long, default_value = "")]
    label: String,
    /// Run the flood workload of issue 15 instead (wrong passwords from many
    /// addresses at `--flood-factor` times the argon2 ceiling while real
    /// users sign in once a second); prints a Markdown report.
    #[arg(long)]
    flood: bool,
    /// The flood's rate as a multiple of the argon2 ceiling.
    #[arg(long, default_value_t = 10.0)]
    flood_factor: f64,
    /// Source addresses the flood comes from (127.1.x.y).
    #[arg(long, default_value_t = 1000)]
    flood_addresses: usize,
    /// Seconds the flood lasts.
    #[arg(long, default_value_t = 60.0)]
    flood_seconds: f64,
}

/// One workload of the issue.
struct Workload {
    name: &'static str,
    what: &'static str,
    kind: Kind,
    /// Server environment this workload needs beyond the default configuration.
    env: &'static [(&'static str, &'static str)],
    /// Whether W3a runs beside it (W8).
    beside: bool,
}

const RS256: &[(&str, &str)] = &[("LATCHKEY_ACCESS_TOKEN_ALG", "RS256")];
const ES256: &[(&str, &str)] = &[("LATCHKEY_ACCESS_TOKEN_ALG", "ES256")];

const WORKLOADS: &[Workload] = &[
    Workload {
        name: "W1",
        what: "discovery",
        kind: Kind::Discovery,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W2",
        what: "JWKS",
        kind: Kind::Jwks,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W3a",
        what: "client_credentials RS256",
        kind: Kind::ClientCredentials,
        env: RS256,
        beside: false,
    },
    Workload {
        name: "W3b",
        what: "client_credentials ES256",
        kind: Kind::ClientCredentials,
        env: ES256,
        beside: false,
    },
    Workload {
        name: "W4",
        what: "code flow (flows/s)",
        kind: Kind::CodeFlow,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W5",
        what: "refresh rotation",
        kind: Kind::Refresh,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W6",
        what: "introspection",
        kind: Kind::Introspect,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W7",
        what: "userinfo",
        kind: Kind::Userinfo,
        env: &[],
        beside: false,
    },
    Workload {
        name: "W8",
        what: "password sign-in",
        kind: Kind::SignIn,
        env: RS256,
        beside: true,
    },
];

/// Server environment always set: sign-ins all come from 127.0.0.1, so the
/// per-address sign-in limit would otherwise measure the limiter.
const BASE_ENV: &[(&str, &str)] = &[("LATCHKEY_SIGNIN_RATE_LIMIT", "100000")];

fn parse_env(items: &[String]) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|kv| {
            kv.split_once('=')
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .ok_or_else(|| anyhow!("--server-env wants KEY=VALUE, got {kv:?}"))
        })
        .collect()
}

fn merged(base: &[(String, String)], over: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = base
        .iter()
        .filter(|(k, _)| !over.iter().any(|(o, _)| o == k))
        .cloned()
        .collect();
    env.extend(over.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    env.sort();
    env
}

/// Whether the server has the password sign-in endpoint (it answers
/// anything but 404 or 405 to an empty POST /login).
async fn sign_in_exists(addr: std::net::SocketAddr) -> Result<bool> {
    let mut conn = http::Conn::new(addr)?;
    let r = conn.post_form("/login", &[], String::new()).await?;
    Ok(!matches!(r.status.as_u16(), 404 | 405))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads.max(1))
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

async fn run(args: Args) -> Result<()> {
    let binary = args.server.clone().unwrap_or_else(server::default_binary);
    let binary = std::fs::canonicalize(&binary).with_context(|| {
        format!(
            "no server binary at {} (build with cargo build --release)",
            binary.display()
        )
    })?;
    let selected: Vec<&Workload> = WORKLOADS
        .iter()
        .filter(|w| {
            args.only.is_empty() || args.only.iter().any(|o| o.eq_ignore_ascii_case(w.name))
        })
        .collect();
    if selected.is_empty() {
        bail!("--only selects no workload");
    }
    if args.flood {
        return run_flood(&args, &binary).await;
    }
    let mut info = RunInfo::gather(&args.label)?;
    info.duration = args.duration;
    info.warmup = args.warmup;
    info.conns.clone_from(&args.conns);
    info.client_threads = args.client_threads;
    eprintln!("load average at start: {}", info.load_start);
    if !args.no_calibrate {
        eprintln!("measuring signing and argon2 ceilings in-process…");
        info.ceilings = calibrate::ceilings().await?;
    }

    let dir = tempfile::Builder::new()
        .prefix("latchkey-bench")
        .tempdir()?;
    let port = server::free_port()?;
    let issuer = format!("http://localhost:{port}");
    let max_conns = args
        .conns
        .iter()
        .copied()
        .max()
        .unwrap_or(16)
        .max(args.beside);
    let seed = server::seed(
        dir.path(),
        &issuer,
        args.users,
        max_conns * 2,
        &args.id_token_alg,
    )
    .await
    .context("seeding the database")?;
    let default_env = merged(&parse_env(&args.server_env)?, BASE_ENV);
    info.server_env.clone_from(&default_env);
    info.id_token_alg.clone_from(&args.id_token_alg);

    // Group the workloads by the server configuration they need, keeping order.
    let mut configs: Vec<Vec<(String, String)>> = Vec::new();
    for w in &selected {
        let env = merged(&default_env, w.env);
        if !configs.contains(&env) {
            configs.push(env);
        }
    }
    let ticks = server::ticks_per_second();
    let warmup = Duration::from_secs_f64(args.warmup);
    let duration = Duration::from_secs_f64(args.duration);
    let mut rows: Vec<Row> = Vec::new();
    for env in &configs {
        let mut srv = Server::start(&binary, dir.path(), &issuer, port, env).await?;
        let pid = srv.pid();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let idle = server::memory_mib(pid, "VmRSS")?;
        if info.rss_idle_mib.is_none() {
            info.rss_idle_mib = Some(idle);
        }
        eprintln!(
            "server pid {pid} {} idle RSS {idle:.1} MiB",
            report::env_text(env)
        );
        let ctx = Arc::new(Ctx::new(seed.clone(), srv.addr)?);
        for w in selected
            .iter()
            .filter(|w| merged(&default_env, w.env) == *env)
        {
            if w.kind == Kind::SignIn && !sign_in_exists(srv.addr).await? {
                let note = "POST /login is not on this build: no endpoint verifies passwords, see the argon2 ceiling";
                eprintln!("{} skipped: {note}", w.name);
                rows.push(Row::skipped(w.name, w.what, note));
                continue;
            }
            for &conns in &args.conns {
                let mut groups = vec![(w.kind, conns)];
                if w.beside {
                    groups.push((Kind::ClientCredentials, args.beside));
                }
                let sample = |window: Window| async move {
                    tokio::time::sleep_until(window.measure_from.into()).await;
                    let cpu0 = server::cpu_seconds(pid, ticks).unwrap_or(0.0);
                    let me0 = server::cpu_seconds(std::process::id(), ticks).unwrap_or(0.0);
                    let half = window.measure_from + (window.end - window.measure_from) / 2;
                    tokio::time::sleep_until(half.into()).await;
                    let rss_mid = server::memory_mib(pid, "VmRSS").unwrap_or(0.0);
                    tokio::time::sleep_until(window.end.into()).await;
                    let cpu1 = server::cpu_seconds(pid, ticks).unwrap_or(0.0);
                    let me1 = server::cpu_seconds(std::process::id(), ticks).unwrap_or(0.0);
                    let rss_end = server::memory_mib(pid, "VmRSS").unwrap_or(0.0);
                    (cpu1 - cpu0, me1 - me0, rss_mid.max(rss_end))
                };
                let (measured, (cpu, client_cpu, rss)) =
                    workloads::run(ctx.clone(), &groups, warmup, duration, sample)
                        .await
                        .with_context(|| format!("{} at {conns} connections", w.name))?;
                let total_ops: u64 = measured.iter().map(|m| m.ops).sum();
                for (i, m) in measured.iter().enumerate() {
                    let (name, what) = if i == 0 {
                        (w.name.to_owned(), w.what.to_owned())
                    } else {
                        (
                            format!("{}+W3a", w.name),
                            format!("W3a beside W8 ({} conns)", m.conns),
                        )
                    };
                    let row = Row {
                        name,
                        what,
                        conns: m.conns,
                        rate: m.rate(),
                        p50_ms: m.ms(0.5),
                        p99_ms: m.ms(0.99),
                        errors: m.errors,
                        first_error: m.first_error.clone(),
                        cpu_us_per_op: if measured.len() == 1 && total_ops > 0 {
                            Some(cpu * 1e6 / total_ops as f64)
                        } else {
                            None
                        },
                        server_cpu_pct: cpu / duration.as_secs_f64() * 100.0,
                        client_cpu_pct: client_cpu / duration.as_secs_f64() * 100.0,
                        rss_mib: rss,
                    };
                    eprintln!("{}", report::row_line(&row));
                    rows.push(row);
                }
            }
        }
        let peak = server::memory_mib(pid, "VmHWM").unwrap_or(0.0);
        info.rss_peak_mib = info.rss_peak_mib.max(peak);
        srv.stop();
    }
    info.finish();
    let table = report::table(&rows);
    println!("{}", report::summary(&info));
    println!("{table}");
    if let Some(out) = &args.out {
        report::write_markdown(out, &info, &rows)
            .with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

/// The flood workload (`--flood`): its own server, default limits except the
/// ones given with `--server-env`.
async fn run_flood(args: &Args, binary: &std::path::Path) -> Result<()> {
    eprintln!(
        "load average at start: {}",
        RunInfo::gather(&args.label)?.load_start
    );
    eprintln!("measuring the argon2 ceiling in-process…");
    let argon2_per_s = calibrate::ceilings().await?.argon2_per_s;
    let dir = tempfile::Builder::new()
        .prefix("latchkey-flood")
        .tempdir()?;
    let port = server::free_port()?;
    let issuer = format!("http://localhost:{port}");
    let seed = server::seed(
        dir.path(),
        &issuer,
        args.users.max(2),
        2,
        &args.id_token_alg,
    )
    .await
    .context("seeding the database")?;
    // Each real user signs in once a second from one address: above the
    // default per-address limit (30/min), which is not what is measured here.
    // The flood's addresses stay well below it. Likewise the owner's device
    // budget (10 × the lockout threshold per 15 minutes, successes included)
    // is raised to 100 so that a 60 s run does not spend it; the flood's
    // guesses cost the same argon2 work whether they are locked or not.
    let user_env = parse_env(&args.server_env)?;
    let mut env: Vec<(String, String)> = vec![
        ("LATCHKEY_SIGNIN_RATE_LIMIT".into(), "120".into()),
        ("LATCHKEY_LOCKOUT_THRESHOLD".into(), "10".into()),
    ];
    env.retain(|(k, _)| !user_env.iter().any(|(u, _)| u == k));
    env.extend(user_env);
    env.sort();
    let rate = argon2_per_s * args.flood_factor;
    eprintln!(
        "flood: {rate:.0}/s from {} addresses for {} s, {}",
        args.flood_addresses,
        args.flood_seconds,
        report::env_text(&env)
    );
    let r = flood::run(
        binary,
        dir.path(),
        &issuer,
        port,
        &env,
        &seed,
        rate,
        args.flood_addresses,
        Duration::from_secs_f64(args.flood_seconds),
    )
    .await?;
    println!(
        "{}",
        flood::markdown(&r, argon2_per_s, &report::env_text(&env))
    );
    Ok(())
}
