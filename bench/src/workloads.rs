//! The workloads W1–W8 and the closed-loop runner: one task per connection,
//! each sending its next request as soon as the previous answer is read.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use hdrhistogram::Histogram;
use hyper::StatusCode;
use hyper::header::{self, HeaderValue};

use crate::http::{Conn, basic, bearer, enc, expect};
use crate::server::{PASSWORD, REDIRECT_URI, Seed};

/// Which seeded relying party a flow uses: the algorithm of its ID tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rp {
    Es256,
    Rs256,
}

/// What one connection does in a loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// W0: GET / of the hello-world server (the ceiling of the static workloads).
    Hello,
    /// W1: GET the discovery document.
    Discovery,
    /// W2: GET /jwks.
    Jwks,
    /// W3: `client_credentials` at /token (the server's access-token algorithm decides RS256/ES256).
    ClientCredentials,
    /// W4: authorize (signed in, consent skipped) → code → token with PKCE → userinfo.
    CodeFlow(Rp),
    /// W5: refresh-token rotation (with an ID token each time).
    Refresh(Rp),
    /// W6: introspection of a user's access token.
    Introspect,
    /// W7: userinfo with a user's access token.
    Userinfo,
    /// W8: password sign-in at POST /login.
    SignIn,
}

/// Shared, read-only facts for every connection.
pub struct Ctx {
    pub seed: Seed,
    pub addr: SocketAddr,
    /// A second instance on the same database: the code flow redeems its
    /// codes there (and authorizes and reads userinfo at `addr`).
    pub alt_addr: Option<SocketAddr>,
    pub service_auth: HeaderValue,
    pub rp_auth: HeaderValue,
    pub rp_rs_auth: HeaderValue,
    /// The double-submit CSRF token sent as cookie and form field at sign-in.
    pub csrf: String,
}

impl Ctx {
    /// The context for a seeded server at `addr`.
    pub fn new(seed: Seed, addr: SocketAddr) -> Result<Self> {
        Ok(Self {
            service_auth: basic(&seed.service_id, &seed.service_secret)?,
            rp_auth: basic(&seed.rp_id, &seed.rp_secret)?,
            rp_rs_auth: basic(&seed.rp_rs_id, &seed.rp_rs_secret)?,
            seed,
            addr,
            alt_addr: None,
            csrf: latchkey::crypto::new_secret(),
        })
    }
}

/// One connection's state.
struct Worker {
    kind: Kind,
    index: usize,
    conn: Conn,
    /// The connection to the second instance, if any.
    alt: Option<Conn>,
    cookie: HeaderValue,
    access: Option<HeaderValue>,
    access_raw: String,
    refresh: Option<String>,
    counter: usize,
}

/// Tokens a relying party holds after the code flow.
struct Tokens {
    access: String,
    refresh: Option<String>,
}

impl Worker {
    fn new(ctx: &Ctx, kind: Kind, index: usize) -> Result<Self> {
        let sessions = &ctx.seed.sessions;
        let secret = sessions
            .get(index % sessions.len().max(1))
            .ok_or_else(|| anyhow!("no seeded sessions"))?;
        Ok(Self {
            kind,
            index,
            conn: Conn::new(ctx.addr)?,
            alt: ctx.alt_addr.map(Conn::new).transpose()?,
            cookie: HeaderValue::from_str(&format!("latchkey_session={secret}"))?,
            access: None,
            access_raw: String::new(),
            refresh: None,
            counter: 0,
        })
    }

    /// Gets whatever tokens the workload needs before timing starts.
    async fn prepare(&mut self, ctx: &Ctx) -> Result<()> {
        match self.kind {
            Kind::Refresh(rp) => {
                let t = self.code_flow(ctx, rp, "openid offline_access").await?;
                self.refresh = Some(
                    t.refresh
                        .ok_or_else(|| anyhow!("no refresh token for offline_access"))?,
                );
            }
            Kind::Introspect | Kind::Userinfo => {
                let t = self
                    .code_flow(ctx, Rp::Es256, "openid profile email")
                    .await?;
                self.access = Some(bearer(&t.access)?);
                self.access_raw = t.access;
            }
            _ => {}
        }
        Ok(())
    }

    /// authorize → 303 with a code → token (PKCE). Returns the tokens.
    /// With a second instance, the code is redeemed there.
    async fn code_flow(&mut self, ctx: &Ctx, rp: Rp, scope: &str) -> Result<Tokens> {
        let (client_id, auth) = match rp {
            Rp::Es256 => (&ctx.seed.rp_id, &ctx.rp_auth),
            Rp::Rs256 => (&ctx.seed.rp_rs_id, &ctx.rp_rs_auth),
        };
        let verifier = latchkey::crypto::random_token(32);
        let challenge = {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(latchkey::crypto::sha256(verifier.as_bytes()))
        };
        let state = latchkey::crypto::random_token(8);
        let path = format!(
            "/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={state}&nonce={state}&code_challenge={challenge}&code_challenge_method=S256",
            enc(client_id),
            enc(REDIRECT_URI),
            enc(scope),
        );
        let r = self
            .conn
            .get(&path, &[(header::COOKIE, self.cookie.clone())])
            .await?;
        if !r.status.is_redirection() {
            expect(&r, StatusCode::SEE_OTHER, "authorize")?;
        }
        let location = r
            .location
            .ok_or_else(|| anyhow!("authorize: no Location"))?;
        let url = url::Url::parse(&location).context("authorize: Location")?;
        let code = url
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .ok_or_else(|| anyhow!("authorize: no code in {location}"))?;
        let form = format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={verifier}",
            enc(&code),
            enc(REDIRECT_URI)
        );
        let r = self
            .alt
            .as_mut()
            .unwrap_or(&mut self.conn)
            .post_form("/token", &[(header::AUTHORIZATION, auth.clone())], form)
            .await?;
        expect(&r, StatusCode::OK, "token (authorization_code)")?;
        let json = r.json()?;
        let access = json["access_token"]
            .as_str()
            .ok_or_else(|| anyhow!("token: no access_token"))?
            .to_owned();
        let refresh = json["refresh_token"].as_str().map(str::to_owned);
        Ok(Tokens { access, refresh })
    }

    /// One timed operation.
    async fn op(&mut self, ctx: &Ctx) -> Result<()> {
        self.counter += 1;
        match self.kind {
            Kind::Hello => {
                let r = self.conn.get("/", &[]).await?;
                expect(&r, StatusCode::OK, "hello")
            }
            Kind::Discovery => {
                let r = self
                    .conn
                    .get("/.well-known/openid-configuration", &[])
                    .await?;
                expect(&r, StatusCode::OK, "discovery")
            }
            Kind::Jwks => {
                let r = self.conn.get("/jwks", &[]).await?;
                expect(&r, StatusCode::OK, "jwks")
            }
            Kind::ClientCredentials => {
                let r = self
                    .conn
                    .post_form(
                        "/token",
                        &[(header::AUTHORIZATION, ctx.service_auth.clone())],
                        "grant_type=client_credentials".to_owned(),
                    )
                    .await?;
                expect(&r, StatusCode::OK, "token (client_credentials)")
            }
            Kind::CodeFlow(rp) => {
                let t = self.code_flow(ctx, rp, "openid profile email").await?;
                let r = self
                    .conn
                    .get("/userinfo", &[(header::AUTHORIZATION, bearer(&t.access)?)])
                    .await?;
                expect(&r, StatusCode::OK, "userinfo")
            }
            Kind::Refresh(rp) => {
                let Some(refresh) = self.refresh.take() else {
                    // A broken chain (an earlier error) starts a new one, untimed errors aside.
                    self.prepare(ctx).await?;
                    return Err(anyhow!("refresh chain restarted"));
                };
                let form = format!("grant_type=refresh_token&refresh_token={}", enc(&refresh));
                let auth = match rp {
                    Rp::Es256 => ctx.rp_auth.clone(),
                    Rp::Rs256 => ctx.rp_rs_auth.clone(),
                };
                let r = self
                    .conn
                    .post_form("/token", &[(header::AUTHORIZATION, auth)], form)
                    .await?;
                expect(&r, StatusCode::OK, "token (refresh_token)")?;
                let json = r.json()?;
                self.refresh = json["refresh_token"].as_str().map(str::to_owned);
                if self.refresh.is_none() {
                    return Err(anyhow!("refresh: no new refresh token"));
                }
                Ok(())
            }
            Kind::Introspect => {
                let form = format!("token={}", enc(&self.access_raw));
                let r = self
                    .conn
                    .post_form(
                        "/introspect",
                        &[(header::AUTHORIZATION, ctx.rp_auth.clone())],
                        form,
                    )
                    .await?;
                expect(&r, StatusCode::OK, "introspect")?;
                if r.json()?["active"] != serde_json::Value::Bool(true) {
                    return Err(anyhow!("introspect: token not active"));
                }
                Ok(())
            }
            Kind::Userinfo => {
                let auth = self
                    .access
                    .clone()
                    .ok_or_else(|| anyhow!("no access token"))?;
                let r = self
                    .conn
                    .get("/userinfo", &[(header::AUTHORIZATION, auth)])
                    .await?;
                expect(&r, StatusCode::OK, "userinfo")
            }
            Kind::SignIn => {
                let users = &ctx.seed.users;
                let username = &users[(self.index + self.counter) % users.len()];
                let form = format!(
                    "username={}&password={}&csrf={}",
                    enc(username),
                    enc(PASSWORD),
                    ctx.csrf
                );
                let cookie = HeaderValue::from_str(&format!("latchkey_csrf={}", ctx.csrf))?;
                let r = self
                    .conn
                    .post_form("/login", &[(header::COOKIE, cookie)], form)
                    .await?;
                let ok = r.status == StatusCode::SEE_OTHER
                    && r.location.as_deref().is_some_and(|l| !l.contains("/login"));
                if ok {
                    Ok(())
                } else {
                    expect(&r, StatusCode::SEE_OTHER, "sign-in")
                        .and(Err(anyhow!("sign-in: redirected back to the form")))
                }
            }
        }
    }
}

/// What one group of connections measured.
pub struct Measured {
    pub conns: usize,
    pub ops: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// Latency of each operation in microseconds.
    pub hist: Histogram<u64>,
    pub seconds: f64,
}

impl Measured {
    /// Operations per second.
    pub fn rate(&self) -> f64 {
        self.ops as f64 / self.seconds.max(1e-9)
    }

    /// A latency quantile in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }
}

/// The timing of one run.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub measure_from: Instant,
    pub end: Instant,
}

/// Starts `groups` of connections (kind, count) together and measures them
/// for `duration` after `warmup`. `during` runs in the meantime with the
/// measurement window (the caller samples the server there).
pub async fn run<F, Fut, T>(
    ctx: Arc<Ctx>,
    groups: &[(Kind, usize)],
    warmup: Duration,
    duration: Duration,
    during: F,
) -> Result<(Vec<Measured>, T)>
where
    F: FnOnce(Window) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut workers = Vec::new();
    for &(kind, count) in groups {
        let mut prepared = Vec::new();
        for i in 0..count {
            let mut w = Worker::new(&ctx, kind, i)?;
            w.prepare(&ctx)
                .await
                .with_context(|| format!("preparing {kind:?} connection {i}"))?;
            prepared.push(w);
        }
        workers.push(prepared);
    }
    let start = Instant::now() + Duration::from_millis(20);
    let window = Window {
        measure_from: start + warmup,
        end: start + warmup + duration,
    };
    let mut handles = Vec::new();
    for group in workers {
        let mut tasks = Vec::new();
        for mut w in group {
            let ctx = ctx.clone();
            tasks.push(tokio::spawn(async move {
                let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
                let (mut ops, mut errors, mut first_error) = (0u64, 0u64, None);
                tokio::time::sleep_until(start.into()).await;
                loop {
                    let t0 = Instant::now();
                    if t0 >= window.end {
                        break;
                    }
                    let result = w.op(&ctx).await;
                    let t1 = Instant::now();
                    if t0 < window.measure_from || t1 > window.end {
                        continue;
                    }
                    match result {
                        Ok(()) => {
                            ops += 1;
                            let us = u64::try_from((t1 - t0).as_micros()).unwrap_or(u64::MAX);
                            hist.saturating_record(us.max(1));
                        }
                        Err(e) => {
                            errors += 1;
                            if first_error.is_none() {
                                first_error = Some(format!("{e:#}"));
                            }
                        }
                    }
                }
                anyhow::Ok((hist, ops, errors, first_error))
            }));
        }
        handles.push(tasks);
    }
    let sampled = during(window).await;
    let mut out = Vec::new();
    for tasks in handles {
        let conns = tasks.len();
        let mut m = Measured {
            conns,
            ops: 0,
            errors: 0,
            first_error: None,
            hist: Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?,
            seconds: duration.as_secs_f64(),
        };
        for t in tasks {
            let (hist, ops, errors, first_error) = t.await??;
            m.hist.add(&hist)?;
            m.ops += ops;
            m.errors += errors;
            if m.first_error.is_none() {
                m.first_error = first_error;
            }
        }
        out.push(m);
    }
    Ok((out, sampled))
}
