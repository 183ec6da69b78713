//! In-process ceilings on this machine: JWT signatures per second (RS256,
//! ES256) and argon2id verifications per second, with every core busy. They
//! bound what the token and sign-in workloads can reach.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use latchkey::config::SigningAlg;
use latchkey::oidc::keys::SigningKey;

/// Operations per second with every core busy.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ceilings {
    pub rs256_per_s: f64,
    pub es256_per_s: f64,
    pub argon2_per_s: f64,
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Signs a typical access token on every core for `time`.
fn signatures_per_second(alg: SigningAlg, time: Duration) -> Result<f64> {
    let (key, _) = SigningKey::generate(alg).map_err(|e| anyhow!("{e}"))?;
    let key = std::sync::Arc::new(key);
    let claims = serde_json::json!({
        "iss": "http://127.0.0.1:8080", "sub": "client", "aud": "client",
        "exp": 1_900_000_000, "iat": 1_800_000_000, "jti": "grant.random",
        "client_id": "client", "scope": "",
    });
    let start = Instant::now();
    let threads: Vec<_> = (0..cores())
        .map(|_| {
            let key = key.clone();
            let claims = claims.clone();
            std::thread::spawn(move || {
                let mut n = 0u64;
                while start.elapsed() < time {
                    if key.sign_jwt("at+jwt", &claims).is_ok() {
                        n += 1;
                    }
                }
                n
            })
        })
        .collect();
    let mut total = 0;
    for t in threads {
        total += t.join().map_err(|_| anyhow!("a signing thread panicked"))?;
    }
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

/// Verifies a password at the server's parameters on every core for `time`.
async fn argon2_per_second(time: Duration) -> Result<f64> {
    let hash = latchkey::auth::password::hash("calibration password".into())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let start = Instant::now();
    let tasks: Vec<_> = (0..cores())
        .map(|_| {
            let hash = hash.clone();
            tokio::spawn(async move {
                let mut n = 0u64;
                while start.elapsed() < time {
                    let _ = latchkey::auth::password::verify(
                        "calibration password".into(),
                        Some(hash.clone()),
                    )
                    .await;
                    n += 1;
                }
                n
            })
        })
        .collect();
    let mut total = 0;
    for t in tasks {
        total += t.await?;
    }
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

/// All three ceilings (about four seconds).
pub async fn ceilings() -> Result<Ceilings> {
    let second = Duration::from_secs(1);
    Ok(Ceilings {
        rs256_per_s: tokio::task::spawn_blocking(move || {
            signatures_per_second(SigningAlg::RS256, second)
        })
        .await??,
        es256_per_s: tokio::task::spawn_blocking(move || {
            signatures_per_second(SigningAlg::ES256, second)
        })
        .await??,
        argon2_per_s: argon2_per_second(Duration::from_secs(2)).await?,
    })
}
