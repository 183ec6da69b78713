//! The server under test: a fresh database seeded through the library, the
//! release binary started on a free port, and its CPU time and memory read
//! from `/proc`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use latchkey::auth::session::{self, SignInFacts};
use latchkey::clock::SystemClock;
use latchkey::config::Settings;
use latchkey::manage::{self, Actor, CreateClient, CreateUser};

/// Where relying-party redirects go (nothing listens: the bench reads `Location`).
pub const REDIRECT_URI: &str = "http://127.0.0.1:1/callback";

/// Password of every seeded user.
pub const PASSWORD: &str = "correct horse battery staple";

/// What the seeding created.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Confidential client allowed `client_credentials`.
    pub service_id: String,
    pub service_secret: String,
    /// Confidential relying party with `skip_consent` and ES256 ID tokens.
    pub rp_id: String,
    pub rp_secret: String,
    /// The same with RS256 ID tokens (the default every relying party accepts).
    pub rp_rs_id: String,
    pub rp_rs_secret: String,
    /// Usernames (password [`PASSWORD`]).
    pub users: Vec<String>,
    /// Session cookie secrets, one per connection, round-robin over users.
    pub sessions: Vec<String>,
}

/// A fresh database at `database_url` (with `master_key` when it is not a
/// SQLite file), seeded; the server is not running yet.
pub async fn seed(
    database_url: &str,
    master_key: Option<&str>,
    issuer: &str,
    users: usize,
    sessions: usize,
) -> Result<Seed> {
    // Settings for a SQLite file validate without a master key; the
    // database and the key are then set as the test helpers do.
    let mut settings = Settings::for_tests(issuer, "sqlite://unused.db")?;
    settings.database_url = database_url.to_owned();
    settings.master_key = master_key.map(Into::into);
    let clock = Arc::new(SystemClock);
    let core = latchkey::app::Core::open(settings, clock.clone()).await?;
    let actor = Actor::system();
    let service = manage::create_client(
        &core.repos,
        clock.as_ref(),
        &actor,
        CreateClient {
            name: "Bench Service".into(),
            redirect_uris: vec![REDIRECT_URI.into()],
            extra_grants: vec!["client_credentials".into()],
            ..Default::default()
        },
    )
    .await?;
    let mut rps = Vec::new();
    for (name, alg) in [("Bench App", "ES256"), ("Bench App RS256", "RS256")] {
        let rp = manage::create_client(
            &core.repos,
            clock.as_ref(),
            &actor,
            CreateClient {
                name: name.into(),
                redirect_uris: vec![REDIRECT_URI.into()],
                skip_consent: true,
                id_token_alg: Some(alg.to_owned()),
                ..Default::default()
            },
        )
        .await?;
        let secret = rp
            .client_secret
            .ok_or_else(|| anyhow!("the relying party got no secret"))?;
        rps.push((rp.client_id, secret));
    }
    let [(rp_id, rp_secret), (rp_rs_id, rp_rs_secret)]: [(String, String); 2] = rps
        .try_into()
        .map_err(|_| anyhow!("two relying parties expected"))?;
    let mut names = Vec::new();
    let mut userids = Vec::new();
    for i in 0..users.max(1) {
        let username = format!("bench{i}");
        let user = manage::create_user(
            &core.repos,
            clock.as_ref(),
            &actor,
            CreateUser {
                username: username.clone(),
                password: Some(PASSWORD.into()),
                email: Some(format!("{username}@example.com")),
                name: Some(format!("Bench User {i}")),
                ..Default::default()
            },
        )
        .await?;
        names.push(username);
        userids.push(user.userid);
    }
    let mut secrets = Vec::new();
    for i in 0..sessions {
        let (secret, _) = session::start(
            &core.repos,
            clock.as_ref(),
            &core.settings,
            SignInFacts {
                userid: userids[i % userids.len()].clone(),
                amr: vec!["pwd".into()],
                acr: "1".into(),
                user_agent: Some("latchkey-bench".into()),
                ip: None,
            },
        )
        .await?;
        secrets.push(secret);
    }
    Ok(Seed {
        service_id: service.client_id,
        service_secret: service
            .client_secret
            .ok_or_else(|| anyhow!("the service client got no secret"))?,
        rp_id,
        rp_secret,
        rp_rs_id,
        rp_rs_secret,
        users: names,
        sessions: secrets,
    })
}

/// The SQLite database of a run in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("latchkey.db").display())
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// The running server process.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `binary serve` on the seeded database at `database_url` and
    /// waits until it answers; its log goes to `log` (in `dir`).
    pub async fn start(
        binary: &Path,
        dir: &Path,
        log: &str,
        issuer: &str,
        port: u16,
        database_url: &str,
        extra_env: &[(String, String)],
    ) -> Result<Self> {
        let mut command = Command::new(binary);
        command
            .arg("serve")
            .env("LATCHKEY_ISSUER", issuer)
            .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
            .env("LATCHKEY_DATABASE_URL", database_url);
        for (k, v) in extra_env {
            command.env(k, v);
        }
        Self::spawn(command, dir, log, port, "/.well-known/openid-configuration").await
    }

    /// Starts the hello-world server (this program with `--serve-hello`):
    /// the ceiling of the static workloads.
    pub async fn hello(dir: &Path, port: u16) -> Result<Self> {
        let mut command = Command::new(std::env::current_exe()?);
        command
            .arg("--serve-hello")
            .arg(format!("127.0.0.1:{port}"));
        Self::spawn(command, dir, "hello.log", port, "/").await
    }

    /// Runs `command` in `dir` with its standard error in `log` and waits
    /// until `GET probe` succeeds on `port`.
    async fn spawn(
        mut command: Command,
        dir: &Path,
        log: &str,
        port: u16,
        probe: &str,
    ) -> Result<Self> {
        let log_path = dir.join(log);
        let log = std::fs::File::create(&log_path)?;
        command
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        let child = command
            .spawn()
            .with_context(|| format!("starting {:?}", command.get_program()))?;
        let mut server = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = server.child.try_wait()? {
                bail!("the server exited ({status}); see {}", log_path.display());
            }
            let mut conn = crate::http::Conn::new(server.addr)?;
            if let Ok(r) = conn.get(probe, &[]).await
                && r.status.is_success()
            {
                return Ok(server);
            }
            if Instant::now() > deadline {
                server.stop();
                bail!("the server did not answer within 30 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server (SIGKILL: the database is thrown away anyway).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// CPU time (user + system) of a process in seconds, from `/proc/<pid>/stat`.
pub fn cpu_seconds(pid: u32, ticks_per_second: f64) -> Result<f64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let rest = text
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or_else(|| anyhow!("unexpected /proc/{pid}/stat"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| -> Result<f64> {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .ok_or_else(|| anyhow!("no field {i} in /proc/{pid}/stat"))
    };
    // After ")": state is index 0, so utime (field 14) is index 11.
    Ok((field(11)? + field(12)?) / ticks_per_second)
}

/// A memory figure (`VmRSS`, `VmHWM`) of a process in MiB.
pub fn memory_mib(pid: u32, key: &str) -> Result<f64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let kib: f64 = rest
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| anyhow!("unreadable {key}"))?;
            return Ok(kib / 1024.0);
        }
    }
    Err(anyhow!("no {key} in /proc/{pid}/status"))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when unknown).
pub fn ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The server binary next to this one (`target/release/latchkey`).
pub fn default_binary() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("latchkey")))
        .unwrap_or_else(|| PathBuf::from("target/release/latchkey"))
}
