//! The flood workload of issue 15 (`--flood`): wrong-password `POST /login`
//! requests for one user's name, from many loopback source addresses
//! (127.1.x.y: Linux routes all of 127.0.0.0/8 to the loopback device), at
//! a multiple of the machine's argon2 capacity, while that user (from her
//! own browser, which holds a device cookie) and a newcomer (a fresh
//! browser without one, another user) each sign in once a second. Reports
//! their success rates and latencies, what the flood got back, and the
//! server's memory.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use hdrhistogram::Histogram;
use hyper::StatusCode;
use hyper::header::{self, HeaderValue};
use tokio::sync::Mutex;

use crate::http::{Conn, enc};
use crate::server::{self, PASSWORD, Seed, Server};

/// What the flood run measured.
pub struct FloodReport {
    pub offered_per_s: f64,
    pub sent: u64,
    pub addresses: usize,
    pub statuses: BTreeMap<u16, u64>,
    pub owner: Person,
    pub newcomer: Person,
    pub rss_max_mib: f64,
    pub rss_peak_mib: f64,
    pub rss_after_mib: f64,
    pub seconds: f64,
    pub cpu_after_pct: f64,
}

/// One real user's sign-ins.
pub struct Person {
    pub tries: u64,
    pub ok: u64,
    pub statuses: BTreeMap<u16, u64>,
    pub hist: Histogram<u64>,
}

impl Person {
    fn new() -> Result<Self> {
        Ok(Self {
            tries: 0,
            ok: 0,
            statuses: BTreeMap::new(),
            hist: Histogram::new_with_bounds(1, 120_000_000, 3)?,
        })
    }

    /// `q`-quantile latency in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }
}

fn form(username: &str, password: &str, csrf: &str) -> String {
    format!(
        "username={}&password={}&csrf={csrf}",
        enc(username),
        enc(password)
    )
}

/// Signs `username` in once from `source`; returns the device cookie.
async fn first_sign_in(
    addr: SocketAddr,
    source: IpAddr,
    username: &str,
    csrf: &str,
) -> Result<String> {
    let mut conn = Conn::from_source(addr, source)?;
    let cookie = HeaderValue::from_str(&format!("latchkey_csrf={csrf}"))?;
    let r = conn
        .post_form(
            "/login",
            &[(header::COOKIE, cookie)],
            form(username, PASSWORD, csrf),
        )
        .await?;
    if r.status != StatusCode::SEE_OTHER {
        return Err(anyhow!("the first sign-in got {}", r.status));
    }
    r.set_cookies
        .iter()
        .find_map(|c| c.strip_prefix("latchkey_device="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| {
            anyhow!("no device cookie after signing in (is this build before issue 15?)")
        })
}

/// Signs in once a second until `end`, from `source`, with `cookies`.
async fn person(
    addr: SocketAddr,
    source: IpAddr,
    username: String,
    cookies: String,
    csrf: String,
    end: Instant,
) -> Result<Person> {
    let mut me = Person::new()?;
    let cookie = HeaderValue::from_str(&cookies)?;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while Instant::now() < end {
        tick.tick().await;
        // A fresh connection each time, as a browser after a pause would.
        let mut conn = Conn::from_source(addr, source)?;
        let started = Instant::now();
        let r = tokio::time::timeout(
            Duration::from_secs(30),
            conn.post_form(
                "/login",
                &[(header::COOKIE, cookie.clone())],
                form(&username, PASSWORD, &csrf),
            ),
        )
        .await;
        let took = started.elapsed();
        me.tries += 1;
        let status = match r {
            Ok(Ok(reply)) => {
                let ok = reply.status == StatusCode::SEE_OTHER
                    && reply
                        .location
                        .as_deref()
                        .is_some_and(|l| !l.contains("/login"));
                if ok {
                    me.ok += 1;
                }
                reply.status.as_u16()
            }
            Ok(Err(_)) => 0,
            Err(_) => 1,
        };
        *me.statuses.entry(status).or_default() += 1;
        me.hist
            .record(u64::try_from(took.as_micros()).unwrap_or(u64::MAX).max(1))?;
    }
    Ok(me)
}

/// Runs the flood against a server started from `binary` on the seeded
/// database in `dir`; `rate` requests per second over `addresses` sources.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    binary: &std::path::Path,
    dir: &std::path::Path,
    issuer: &str,
    port: u16,
    env: &[(String, String)],
    seed: &Seed,
    rate: f64,
    addresses: usize,
    duration: Duration,
) -> Result<FloodReport> {
    let mut srv = Server::start(
        binary,
        dir,
        "server.log",
        issuer,
        port,
        &crate::server::sqlite_url(dir),
        env,
    )
    .await?;
    let pid = srv.pid();
    let addr = srv.addr;
    let ticks = server::ticks_per_second();
    let csrf = latchkey::crypto::new_secret();
    let owner_name = seed.users.first().cloned().context("no seeded user")?;
    let newcomer_name = seed
        .users
        .get(1)
        .cloned()
        .context("two seeded users needed")?;
    let owner_ip = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    let newcomer_ip = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));
    let device = first_sign_in(addr, owner_ip, &owner_name, &csrf).await?;

    let statuses: Arc<Mutex<BTreeMap<u16, u64>>> = Arc::default();
    let tasks = 64usize.min(addresses.max(1));
    let per_task = rate / tasks as f64;
    let started = Instant::now();
    let end = started + duration;
    let mut flood = Vec::new();
    for t in 0..tasks {
        let statuses = statuses.clone();
        let csrf = csrf.clone();
        let victim = owner_name.clone();
        let sources: Vec<IpAddr> = (t..addresses)
            .step_by(tasks)
            .map(|i| {
                let i = u16::try_from(i).unwrap_or(u16::MAX);
                IpAddr::V4(Ipv4Addr::new(127, 1, (i >> 8) as u8, (i & 0xff) as u8))
            })
            .collect();
        flood.push(tokio::spawn(async move {
            let mut conns = sources
                .iter()
                .map(|ip| Conn::from_source(addr, *ip))
                .collect::<Result<Vec<_>>>()?;
            let cookie = HeaderValue::from_str(&format!("latchkey_csrf={csrf}"))?;
            let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / per_task.max(0.01)));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
            let mut n = 0usize;
            let mut sent = 0u64;
            while Instant::now() < end {
                tick.tick().await;
                let count = conns.len();
                let conn = &mut conns[n % count];
                n += 1;
                let guess = form(&victim, &format!("wrong guess {n}"), &csrf);
                let status = match tokio::time::timeout(
                    Duration::from_secs(30),
                    conn.post_form("/login", &[(header::COOKIE, cookie.clone())], guess),
                )
                .await
                {
                    Ok(Ok(r)) => r.status.as_u16(),
                    Ok(Err(_)) => 0,
                    Err(_) => 1,
                };
                sent += 1;
                *statuses.lock().await.entry(status).or_default() += 1;
            }
            anyhow::Ok(sent)
        }));
    }
    let owner = tokio::spawn(person(
        addr,
        owner_ip,
        owner_name,
        format!("latchkey_csrf={csrf}; latchkey_device={device}"),
        csrf.clone(),
        end,
    ));
    let newcomer = tokio::spawn(person(
        addr,
        newcomer_ip,
        newcomer_name,
        format!("latchkey_csrf={csrf}"),
        csrf.clone(),
        end,
    ));
    let mut rss_max: f64 = 0.0;
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(500)).await;
        rss_max = rss_max.max(server::memory_mib(pid, "VmRSS").unwrap_or(0.0));
    }
    let mut sent = 0;
    for f in flood {
        sent += f.await??;
    }
    let owner = owner.await??;
    let newcomer = newcomer.await??;
    let seconds = started.elapsed().as_secs_f64();
    // The flood has stopped: the server should go quiet at once (abandoned
    // jobs are skipped), not burn through a backlog.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let cpu0 = server::cpu_seconds(pid, ticks).unwrap_or(0.0);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let cpu1 = server::cpu_seconds(pid, ticks).unwrap_or(0.0);
    let report = FloodReport {
        offered_per_s: rate,
        sent,
        addresses,
        statuses: statuses.lock().await.clone(),
        owner,
        newcomer,
        rss_max_mib: rss_max,
        rss_peak_mib: server::memory_mib(pid, "VmHWM").unwrap_or(0.0),
        rss_after_mib: server::memory_mib(pid, "VmRSS").unwrap_or(0.0),
        seconds,
        cpu_after_pct: (cpu1 - cpu0) / 3.0 * 100.0,
    };
    srv.stop();
    Ok(report)
}

fn statuses_text(s: &BTreeMap<u16, u64>) -> String {
    s.iter()
        .map(|(k, v)| match k {
            0 => format!("connection error {v}"),
            1 => format!("timeout {v}"),
            _ => format!("{k}: {v}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as Markdown.
pub fn markdown(r: &FloodReport, argon2_per_s: f64, env: &str) -> String {
    let person = |name: &str, p: &Person| {
        format!(
            "| {name} | {} | {} ({:.0} %) | {:.0} | {:.0} | {:.0} | {} |\n",
            p.tries,
            p.ok,
            if p.tries > 0 {
                p.ok as f64 * 100.0 / p.tries as f64
            } else {
                0.0
            },
            p.ms(0.5),
            p.ms(0.99),
            p.ms(1.0),
            statuses_text(&p.statuses),
        )
    };
    format!(
        "Flood: {:.0} wrong-password sign-ins/s offered ({:.1}x the argon2 ceiling of {argon2_per_s:.0}/s) \
         for the owner's username from {} loopback addresses for {:.0} s; {} sent ({:.0}/s achieved). \
         Server: {env}.\n\n\
         | who (one sign-in per second) | tries | succeeded | p50 ms | p99 ms | max ms | answers |\n\
         |---|---|---|---|---|---|---|\n{}{}\n\
         Flood answers: {}.\n\n\
         Server RSS: at most {:.1} MiB during the flood (VmHWM {:.1} MiB), {:.1} MiB after; \
         CPU in the 3 s after the flood stopped: {:.0} %.\n",
        r.offered_per_s,
        r.offered_per_s / argon2_per_s.max(1.0),
        r.addresses,
        r.seconds,
        r.sent,
        r.sent as f64 / r.seconds.max(1.0),
        person("owner (device cookie)", &r.owner),
        person("newcomer (no cookie, other user)", &r.newcomer),
        statuses_text(&r.statuses),
        r.rss_max_mib,
        r.rss_peak_mib,
        r.rss_after_mib,
        r.cpu_after_pct,
    )
}
